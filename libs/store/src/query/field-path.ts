import { InvalidQueryError } from '../errors/invalid-query.error';

/*
 * Field paths are spliced into SQL as JSON-path literals by the embedded adapter (an
 * expression index only matches a query whose expression is textually identical, so
 * they cannot be bound parameters). Hence a strict grammar: dot-separated segments of
 * letters, digits and underscores, not starting with a digit (Mongo would read a
 * numeric segment as an array index, SQLite as a key) and never with `$`.
 */
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,15}$/;
const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;

export function assertFieldPath(path: string): void {
  if (!FIELD_PATH.test(path)) {
    throw new InvalidQueryError(`invalid field path ${JSON.stringify(path)}`);
  }
}

export function assertCollectionName(name: string): void {
  if (!COLLECTION_NAME.test(name)) {
    throw new InvalidQueryError(`invalid collection name ${JSON.stringify(name)}`);
  }
}

/** `a.b` -> `$.a.b`; only call after assertFieldPath. */
export function toJsonPath(path: string): string {
  return `$.${path}`;
}

export function isIdPath(path: string): boolean {
  return path === '_id';
}
