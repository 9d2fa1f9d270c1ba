/**
 * Short-lived shared state (DM session state, nonces, dedup windows, locks,
 * caches). Adapters: Redis (ioredis) and in-memory for embedded mode. Both pass
 * key-value-store.contract.ts. TTLs are in milliseconds; a key without TTL lives
 * until deleted.
 */
export interface KeyValueStore {
  get(key: string): Promise<string | null>;
  getBuffer(key: string): Promise<Buffer | null>;
  set(key: string, value: string | Buffer, ttlMs?: number): Promise<void>;
  /** Atomic: sets and returns true only if the key did not exist. */
  setIfAbsent(key: string, value: string | Buffer, ttlMs?: number): Promise<boolean>;
  /** Atomic increment (creating at 0); the TTL is applied when the key is created. */
  increment(key: string, by?: number, ttlMs?: number): Promise<number>;
  delete(key: string): Promise<boolean>;
  /** Remaining time to live in ms; null if the key is missing or has no TTL. */
  ttl(key: string): Promise<number | null>;
  expire(key: string, ttlMs: number): Promise<boolean>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
