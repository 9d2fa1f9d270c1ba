import type { Filter, Update } from '../document-store.port';
import { StoreValueError } from '../errors/store-value.error';
import { toCondition } from './filter.validation';

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Walks to the parent of the last segment, creating objects like MongoDB's $set does. */
function parentOf(doc: Json, path: string, create: boolean): { parent: Json; key: string } | null {
  const segments = path.split('.');
  const key = segments.pop() as string;
  let node: Json = doc;
  for (const segment of segments) {
    const next = node[segment];
    if (next === undefined && create) {
      const fresh: Json = {};
      node[segment] = fresh;
      node = fresh;
    } else if (isPlainObject(next)) {
      node = next;
    } else if (next === undefined) {
      return null;
    } else {
      // MongoDB: "Cannot create field 'x' in element {y: <non-object>}".
      throw new StoreValueError(`cannot traverse ${path}: ${segment} is not an object`);
    }
  }
  return { parent: node, key };
}

/**
 * Applies a validated update to a copy of the document with MongoDB's semantics for
 * the operators we support: $set creates intermediate objects, $unset of a missing
 * path is a no-op, $inc of a missing field starts from 0 and refuses non-numbers.
 */
export function applyUpdate<T extends object>(doc: T, update: Update): T {
  const result = structuredClone(doc) as unknown as Json;
  for (const [path, value] of Object.entries(update.$set ?? {})) {
    // Like the Mongo adapter (ignoreUndefined): an undefined value is no instruction.
    if (value === undefined) continue;
    const target = parentOf(result, path, true);
    if (target) target.parent[target.key] = structuredClone(value);
  }
  for (const path of update.$unset ?? []) {
    const target = parentOf(result, path, false);
    if (target) delete target.parent[target.key];
  }
  for (const [path, by] of Object.entries(update.$inc ?? {})) {
    const target = parentOf(result, path, true);
    if (!target) continue;
    const current = target.parent[target.key] ?? 0;
    if (typeof current !== 'number') {
      throw new StoreValueError(`cannot apply $inc to ${path}: not a number`);
    }
    target.parent[target.key] = current + by;
  }
  return result as unknown as T;
}

/**
 * The document an upsert starts from: `_id` plus the equality conditions of `where`,
 * which is what MongoDB inserts before applying the update operators.
 */
export function upsertSeed(id: string, where: Filter | undefined): Json {
  const seed: Json = { _id: id };
  for (const [path, raw] of Object.entries(where ?? {})) {
    const condition = toCondition(raw);
    if (path === '_id' || condition.$eq === undefined) continue;
    const target = parentOf(seed, path, true);
    if (target) target.parent[target.key] = condition.$eq;
  }
  return seed;
}
