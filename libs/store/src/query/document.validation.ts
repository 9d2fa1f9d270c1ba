import type { FindOptions, IndexSpec } from '../document-store.port';
import { InvalidQueryError } from '../errors/invalid-query.error';
import { assertFieldPath } from './field-path';

const INDEX_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export function assertDocumentId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) {
    throw new InvalidQueryError('document _id must be a non-empty string');
  }
}

/** insertMany: every id valid, none twice (adapters could not say which of two won). */
export function assertDistinctIds(docs: readonly { _id: unknown }[]): void {
  const seen = new Set<string>();
  for (const doc of docs) {
    assertDocumentId(doc._id);
    if (seen.has(doc._id))
      throw new InvalidQueryError(`insertMany: _id ${JSON.stringify(doc._id)} given twice`);
    seen.add(doc._id);
  }
}

export function assertPaging(options: FindOptions): void {
  for (const [name, value] of [
    ['limit', options.limit],
    ['skip', options.skip],
  ] as const) {
    if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
      throw new InvalidQueryError(`${name} must be a non-negative integer`);
    }
  }
}

/** MongoDB's default index name (`a_1_b_-1`) unless one is given; validated for use as a SQL identifier. */
export function indexName(spec: IndexSpec): string {
  const entries = Object.entries(spec.fields);
  if (entries.length === 0) throw new InvalidQueryError('index without fields');
  for (const [path, direction] of entries) {
    assertFieldPath(path);
    if (direction !== 1 && direction !== -1) throw new InvalidQueryError(`index ${path}: expected 1 or -1`);
  }
  const name = spec.name ?? entries.map(([path, direction]) => `${path}_${direction}`).join('_');
  if (!INDEX_NAME.test(name)) throw new InvalidQueryError(`invalid index name ${JSON.stringify(name)}`);
  return name;
}
