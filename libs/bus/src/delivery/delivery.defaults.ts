/** Defaults shared by every adapter so that embedded and distributed modes behave alike. */
export const deliveryDefaults = {
  maxAttempts: 5,
  retryBaseMs: 100,
  retryMaxMs: 10_000,
  idempotencyTtlMs: 7 * 24 * 3600_000,
} as const;

/** Dead-letter topic of a consumer group (ARCHITECTURE.md: one per group). */
export function defaultDlqTopic(group: string): string {
  return `dlq.${group}`;
}

/** Exponential backoff: base, 2 base, 4 base... capped. No jitter: one consumer retries one message at a time. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** (attempt - 1));
}
