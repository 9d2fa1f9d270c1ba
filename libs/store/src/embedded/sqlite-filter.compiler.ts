import type { FieldCondition, Filter, Scalar } from '../document-store.port';
import { isIdPath, toJsonPath } from '../query/field-path';
import { assertFilter, toCondition } from '../query/filter.validation';

/** A SQL boolean expression and the parameters bound to its `?` placeholders, in order. */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** How a field path reads in SQL: its value and its JSON type ('text', 'integer', 'null', ... or NULL if missing). */
export interface FieldExpr {
  value: string;
  type: string;
}

/*
 * Paths are literals (validated by assertFilter against a strict grammar) so that a
 * query's json_extract(...) is textually the expression of an ensureIndex index and
 * SQLite uses it; values are always bound. `_id` lives in its own primary-key column.
 */
export function fieldExpr(path: string): FieldExpr {
  if (isIdPath(path)) return { value: 'id', type: "'text'" };
  const jsonPath = toJsonPath(path);
  return { value: `json_extract(doc, '${jsonPath}')`, type: `json_type(doc, '${jsonPath}')` };
}

const NUMBER_TYPES = "('integer', 'real')";

/*
 * MongoDB compares only values of the same type bracket: a number never equals or
 * orders against a string, and booleans are their own type (json_extract would turn
 * true into 1, so the JSON type is checked too). Missing and null are equal to null.
 */
function equals(f: FieldExpr, value: Scalar, params: unknown[]): string {
  if (value === null) return `(${f.type} IS NULL OR ${f.type} = 'null')`;
  if (typeof value === 'boolean') return `${f.type} = '${value ? 'true' : 'false'}'`;
  params.push(value);
  return typeof value === 'number'
    ? `(${f.value} = ? AND ${f.type} IN ${NUMBER_TYPES})`
    : `(${f.value} = ? AND ${f.type} = 'text')`;
}

function isIn(f: FieldExpr, values: readonly Scalar[], params: unknown[]): string {
  const strings = values.filter((v): v is string => typeof v === 'string');
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const others = values.filter((v) => v === null || typeof v === 'boolean');
  const parts: string[] = [];
  // Grouped into IN lists so that an index on the field serves the lookup.
  if (strings.length > 0) {
    parts.push(`(${f.value} IN (${strings.map(() => '?').join(', ')}) AND ${f.type} = 'text')`);
    params.push(...strings);
  }
  if (numbers.length > 0) {
    parts.push(`(${f.value} IN (${numbers.map(() => '?').join(', ')}) AND ${f.type} IN ${NUMBER_TYPES})`);
    params.push(...numbers);
  }
  for (const value of others) parts.push(equals(f, value, params));
  return parts.length === 0 ? '0' : `(${parts.join(' OR ')})`;
}

function compare(f: FieldExpr, op: string, value: string | number, params: unknown[]): string {
  params.push(value);
  const type = typeof value === 'number' ? `IN ${NUMBER_TYPES}` : "= 'text'";
  // A missing field yields NULL here, which never satisfies a comparison (as in MongoDB).
  return `(${f.value} ${op} ? AND ${f.type} ${type})`;
}

function compileCondition(f: FieldExpr, condition: FieldCondition, params: unknown[]): string[] {
  const parts: string[] = [];
  if (condition.$eq !== undefined) parts.push(equals(f, condition.$eq, params));
  // NOT over an expression that may be NULL would be NULL; $ne must match missing fields.
  if (condition.$ne !== undefined) parts.push(`NOT coalesce(${equals(f, condition.$ne, params)}, 0)`);
  if (condition.$in !== undefined) parts.push(isIn(f, condition.$in, params));
  if (condition.$lt !== undefined) parts.push(compare(f, '<', condition.$lt, params));
  if (condition.$lte !== undefined) parts.push(compare(f, '<=', condition.$lte, params));
  if (condition.$gt !== undefined) parts.push(compare(f, '>', condition.$gt, params));
  if (condition.$gte !== undefined) parts.push(compare(f, '>=', condition.$gte, params));
  if (condition.$exists !== undefined) parts.push(`${f.type} IS ${condition.$exists ? 'NOT NULL' : 'NULL'}`);
  return parts;
}

export function compileFilter(filter: Filter): SqlFragment {
  assertFilter(filter);
  const params: unknown[] = [];
  const parts: string[] = [];
  for (const [path, raw] of Object.entries(filter)) {
    parts.push(...compileCondition(fieldExpr(path), toCondition(raw), params));
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), params };
}
