import type { ProcessedEventLog } from '../event-bus.port';

export interface InMemoryProcessedEventLogOptions {
  /** Bound on remembered ids per log; the oldest are forgotten first. Default 1,000,000. */
  maxEntries?: number;
  now?: () => number;
}

/** Processed-event log for embedded mode and tests: a Map in insertion order, with TTL and a size bound. */
export function createInMemoryProcessedEventLog(options: InMemoryProcessedEventLogOptions = {}): ProcessedEventLog {
  const maxEntries = options.maxEntries ?? 1_000_000;
  const now = options.now ?? Date.now;
  const expiries = new Map<string, number>();
  const keyOf = (group: string, id: string) => `${group}\u0000${id}`;
  return {
    async isProcessed(group, eventId) {
      const key = keyOf(group, eventId);
      const expiry = expiries.get(key);
      if (expiry === undefined) return false;
      if (expiry > now()) return true;
      expiries.delete(key);
      return false;
    },
    async markProcessed(group, eventId, ttlMs) {
      const key = keyOf(group, eventId);
      expiries.delete(key);
      expiries.set(key, now() + ttlMs);
      while (expiries.size > maxEntries) {
        const oldest = expiries.keys().next().value;
        if (oldest === undefined) break;
        expiries.delete(oldest);
      }
    },
  };
}
