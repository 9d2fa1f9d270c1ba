import type { Filter as MongoFilter, Sort as MongoSort, UpdateFilter } from 'mongodb';
import type { FindOptions, Filter, Update } from '../document-store.port';
import { InvalidQueryError } from '../errors/invalid-query.error';
import { assertFieldPath } from '../query/field-path';
import { assertFilter } from '../query/filter.validation';
import { assertUpdate } from '../query/update.validation';

type MongoDoc = { _id: string } & Record<string, unknown>;

/**
 * The port's filter language is a subset of MongoDB's, so translation is validation
 * plus a copy: validation keeps Mongo-only syntax out, so a filter that works here
 * also works on the embedded store.
 */
export function toMongoFilter(filter: Filter): MongoFilter<MongoDoc> {
  assertFilter(filter);
  return { ...filter } as MongoFilter<MongoDoc>;
}

/** The filter of update(): the id and, if given, the caller's `where` condition. */
export function toMongoIdFilter(id: string, where: Filter | undefined): MongoFilter<MongoDoc> {
  const condition = toMongoFilter(where ?? {});
  if (where?._id === undefined) return { ...condition, _id: id } as MongoFilter<MongoDoc>;
  return { $and: [{ _id: id }, condition] } as MongoFilter<MongoDoc>;
}

/** Sort keys plus the `_id` tie-break of the port (MongoDB leaves ties in natural order). */
export function toMongoSort(sort: FindOptions['sort']): MongoSort {
  const result: Record<string, 1 | -1> = {};
  for (const [path, direction] of Object.entries(sort ?? {})) {
    assertFieldPath(path);
    if (direction !== 1 && direction !== -1) throw new InvalidQueryError(`sort ${path}: expected 1 or -1`);
    result[path] = direction;
    if (path === '_id') return result;
  }
  result['_id'] = 1;
  return result;
}

export function toMongoUpdate(update: Update): UpdateFilter<MongoDoc> {
  assertUpdate(update);
  const result: Record<string, Record<string, unknown>> = {};
  const set = Object.entries(update.$set ?? {}).filter(([, value]) => value !== undefined);
  if (set.length > 0) result['$set'] = Object.fromEntries(set);
  if (update.$unset && update.$unset.length > 0) {
    result['$unset'] = Object.fromEntries(update.$unset.map((path) => [path, '']));
  }
  if (update.$inc && Object.keys(update.$inc).length > 0) result['$inc'] = { ...update.$inc };
  return result as UpdateFilter<MongoDoc>;
}
