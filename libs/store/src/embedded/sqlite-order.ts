import type { FindOptions } from '../document-store.port';
import { InvalidQueryError } from '../errors/invalid-query.error';
import { assertFieldPath } from '../query/field-path';
import { fieldExpr, type SqlFragment } from './sqlite-filter.compiler';

export interface SortKey {
  expr: string;
  descending: boolean;
}

/**
 * The sort keys in order, always ending with `_id` so that the order is total (the
 * port's tie-break rule, and what makes keyset pagination exact). Keys after `_id`
 * would never matter and are dropped.
 */
export function sortKeys(sort: FindOptions['sort']): SortKey[] {
  const keys: SortKey[] = [];
  for (const [path, direction] of Object.entries(sort ?? {})) {
    assertFieldPath(path);
    if (direction !== 1 && direction !== -1) throw new InvalidQueryError(`sort ${path}: expected 1 or -1`);
    keys.push({ expr: fieldExpr(path).value, descending: direction === -1 });
    if (path === '_id') return keys;
  }
  keys.push({ expr: 'id', descending: false });
  return keys;
}

/*
 * SQLite orders NULL (missing or null) < numbers < text, as MongoDB orders
 * null < numbers < strings. It differs only for fields mixing booleans (ordered as
 * 0/1 among numbers) or objects with other types, which our documents do not do.
 */
export function orderByClause(keys: readonly SortKey[]): string {
  return keys.map((k) => `${k.expr} ${k.descending ? 'DESC' : 'ASC'}`).join(', ');
}

export function selectKeys(keys: readonly SortKey[]): string {
  return keys.map((k, i) => `${k.expr} AS k${i}`).join(', ');
}

/** Rows strictly after `last` (the k0..kn values of the previous batch's last row) in this order. */
export function afterClause(keys: readonly SortKey[], last: readonly unknown[]): SqlFragment {
  const params: unknown[] = [];
  const alternatives: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as SortKey;
    const value = last[i];
    // NULL sorts first ascending and last descending: nothing follows a NULL descending.
    if ((value === null || value === undefined) && key.descending) continue;
    const parts: string[] = [];
    for (let j = 0; j < i; j++) {
      parts.push(`${(keys[j] as SortKey).expr} IS ?`);
      params.push(last[j]);
    }
    if (value === null || value === undefined) {
      parts.push(`${key.expr} IS NOT NULL`);
    } else {
      parts.push(key.descending ? `(${key.expr} < ? OR ${key.expr} IS NULL)` : `${key.expr} > ?`);
      params.push(value);
    }
    alternatives.push(`(${parts.join(' AND ')})`);
  }
  return { sql: alternatives.length === 0 ? '0' : `(${alternatives.join(' OR ')})`, params };
}
