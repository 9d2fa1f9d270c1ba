import { setTimeout as sleep } from 'node:timers/promises';
import { isDmsError } from '@dms/service-kit';

export interface BackoffOptions {
  /** First delay; doubles each attempt. */
  readonly baseMs: number;
  readonly maxMs: number;
  /** Fraction of the delay drawn at random (0..1) so many senders do not retry in step. Default 0.2. */
  readonly jitter?: number;
  readonly random?: () => number;
}

/** Delay before attempt `attempt + 1` (attempt counts from 1): base * 2^(attempt-1), capped, with jitter. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const jitter = options.jitter ?? 0.2;
  const random = options.random ?? Math.random;
  return Math.round(exp * (1 - jitter + jitter * random()));
}

/** Retry only what the error says may succeed again; anything that is not a DmsError is a bug, not retried. */
export function isRetriable(error: unknown): boolean {
  return isDmsError(error) && error.retriable;
}

export interface RetryOptions extends BackoffOptions {
  /** Total tries including the first; 1 = no retry. */
  readonly maxAttempts: number;
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  readonly sleep?: (ms: number) => Promise<unknown>;
  /** Epoch ms after which no further try starts: a caller waiting on the result is not held longer by backoff. */
  readonly deadline?: number;
  readonly now?: () => number;
}

/** Runs `attempt` until it succeeds, fails with a non-retriable error, or maxAttempts or the deadline is spent. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const wait = options.sleep ?? sleep;
  for (let n = 1; ; n += 1) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= options.maxAttempts || !isRetriable(error)) throw error;
      const delay = backoffDelay(n, options);
      if (options.deadline !== undefined && (options.now ?? Date.now)() + delay > options.deadline)
        throw error;
      options.onRetry?.(error, n, delay);
      await wait(delay);
    }
  }
}
