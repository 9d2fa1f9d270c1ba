import { InvalidQueryError } from '../errors/invalid-query.error';

/**
 * Redis refuses a zero or negative PX and rounds nothing; both adapters take a positive
 * TTL and round a fractional one up, so "expires within ttlMs" is never shortened.
 */
export function toTtlMs(ttlMs: number): number {
  if (typeof ttlMs !== 'number' || !Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new InvalidQueryError(`ttlMs must be a positive number, got ${String(ttlMs)}`);
  }
  return Math.ceil(ttlMs);
}

/** INCRBY takes a 64-bit integer; we keep to what a JS number holds exactly. */
export function assertIncrement(by: number): void {
  if (!Number.isSafeInteger(by)) throw new InvalidQueryError(`increment must be a safe integer, got ${String(by)}`);
}

export function assertKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidQueryError('key must be a non-empty string');
}
