import type { ProcessedEventLog } from '../event-bus.port';

export interface InMemoryProcessedEventLogOptions {
  /** Bound on remembered ids per group; the oldest are forgotten first. Default 1,000,000. */
  maxEntries?: number;
  now?: () => number;
}

/** Processed-event log for embedded mode and tests: a Map in insertion order, with TTL and a size bound. */
export function createInMemoryProcessedEventLog(options: InMemoryProcessedEventLogOptions = {}): ProcessedEventLog {
  const maxEntries = options.maxEntries ?? 1_000_000;
  const now = options.now ?? Date.now;
  // One map per group: no key concatenation on the hot path (it showed in consumer profiles).
  const groups = new Map<string, Map<string, number>>();
  const expiriesOf = (group: string) => {
    let expiries = groups.get(group);
    if (!expiries) groups.set(group, (expiries = new Map()));
    return expiries;
  };
  return {
    isProcessed(group, eventId) {
      const expiries = groups.get(group);
      const expiry = expiries?.get(eventId);
      if (expiry === undefined) return false;
      if (expiry > now()) return true;
      expiries?.delete(eventId);
      return false;
    },
    markProcessed(group, eventId, ttlMs) {
      const expiries = expiriesOf(group);
      expiries.set(eventId, now() + ttlMs);
      if (expiries.size > maxEntries) {
        const oldest = expiries.keys().next().value;
        if (oldest !== undefined) expiries.delete(oldest);
      }
    },
  };
}
