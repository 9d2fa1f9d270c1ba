import type { FieldCondition, Filter, Scalar } from '../document-store.port';
import { InvalidQueryError } from '../errors/invalid-query.error';
import { assertFieldPath } from './field-path';

export const FILTER_OPERATORS = ['$eq', '$ne', '$in', '$lt', '$lte', '$gt', '$gte', '$exists'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

const operatorSet: ReadonlySet<string> = new Set(FILTER_OPERATORS);

export function isScalar(value: unknown): value is Scalar {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function isRangeValue(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** A plain value is shorthand for `{ $eq: value }`. */
export function toCondition(value: Scalar | FieldCondition): FieldCondition {
  return isScalar(value) ? { $eq: value } : value;
}

/**
 * Rejects anything outside the portable subset, so that a filter the embedded store
 * accepts means the same on MongoDB (and a typo such as `$gte ` fails loudly instead
 * of silently matching nothing).
 */
export function assertFilter(filter: Filter): void {
  for (const [path, raw] of Object.entries(filter)) {
    assertFieldPath(path);
    if (isScalar(raw)) continue;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new InvalidQueryError(`filter on ${path}: expected a scalar or an operator object`);
    }
    const ops = Object.entries(raw);
    if (ops.length === 0) throw new InvalidQueryError(`filter on ${path}: empty condition`);
    for (const [op, value] of ops) {
      if (!operatorSet.has(op)) throw new InvalidQueryError(`filter on ${path}: unknown operator ${op}`);
      assertOperand(path, op as FilterOperator, value);
    }
  }
}

function assertOperand(path: string, op: FilterOperator, value: unknown): void {
  const ok =
    op === '$exists'
      ? typeof value === 'boolean'
      : op === '$in'
        ? Array.isArray(value) && value.every(isScalar)
        : op === '$eq' || op === '$ne'
          ? isScalar(value)
          : isRangeValue(value);
  if (!ok) throw new InvalidQueryError(`filter on ${path}: bad operand for ${op}`);
}
