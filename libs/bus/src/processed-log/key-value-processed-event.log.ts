import type { ProcessedEventLog } from '../event-bus.port';

/**
 * The part of @dms/store's KeyValueStore this log needs; declared here so the bus does not
 * depend on the store package. Redis and in-memory KeyValueStores satisfy it as they are.
 */
export interface ProcessedKeyValueStore {
  get(key: string): Promise<string | null>;
  setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>;
}

export interface KeyValueProcessedEventLogOptions {
  store: ProcessedKeyValueStore;
  /** Key prefix; default `dms:processed:`. Keys are `<prefix><group>:<eventId>`. */
  prefix?: string;
}

/**
 * Processed-event log over a shared key-value store, so every member of a group (and a
 * restarted one) sees the same ids. setIfAbsent keeps the first mark's TTL when two
 * members race on a duplicate after a rebalance.
 */
export function createKeyValueProcessedEventLog(options: KeyValueProcessedEventLogOptions): ProcessedEventLog {
  const prefix = options.prefix ?? 'dms:processed:';
  const { store } = options;
  return {
    async isProcessed(group, eventId) {
      return (await store.get(`${prefix}${group}:${eventId}`)) !== null;
    },
    async markProcessed(group, eventId, ttlMs) {
      await store.setIfAbsent(`${prefix}${group}:${eventId}`, '1', ttlMs);
    },
  };
}
