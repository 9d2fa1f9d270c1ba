import type { KeyValueStore } from '../key-value-store.port';
import { StoreClosedError } from '../errors/store-closed.error';
import { StoreValueError } from '../errors/store-value.error';
import { assertIncrement, assertKey, toTtlMs } from '../kv/key-value.validation';

export interface MemoryKeyValueStoreOptions {
  /** How often expired keys are purged (default 1 s); reads never see them either way. */
  sweepIntervalMs?: number;
}

export interface MemoryKeyValueStore extends KeyValueStore {
  /** Entries held, including expired ones the sweep has not freed yet (for metrics and tests). */
  readonly size: number;
}

interface Entry {
  value: Buffer;
  /** performance.now() deadline; undefined = no TTL. */
  expiresAt: number | undefined;
}

// Redis INCRBY accepts only a value that reads as a signed 64-bit integer in base 10.
const INTEGER_TEXT = /^-?(0|[1-9][0-9]*)$/;

/**
 * KeyValueStore of one-machine mode, with Redis's semantics: an expired key is gone at
 * once for every read (lazy check), and a periodic sweep frees what nobody reads
 * again, as Redis's active expiry does. Single-threaded JS makes each method atomic.
 */
export function createMemoryKeyValueStore(options: MemoryKeyValueStoreOptions = {}): MemoryKeyValueStore {
  const entries = new Map<string, Entry>();
  let closed = false;
  const now = (): number => performance.now();

  const live = (key: string): Entry | undefined => {
    if (closed) throw new StoreClosedError('memory key-value store');
    assertKey(key);
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  const toBuffer = (value: string | Buffer): Buffer => (typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value));
  const deadline = (ttlMs: number | undefined): number | undefined => (ttlMs === undefined ? undefined : now() + toTtlMs(ttlMs));

  const sweep = setInterval(() => {
    const t = now();
    for (const [key, entry] of entries) if (entry.expiresAt !== undefined && entry.expiresAt <= t) entries.delete(key);
  }, Math.max(10, options.sweepIntervalMs ?? 1000));
  // The sweep is housekeeping; it must not keep a finished process alive.
  sweep.unref();

  return {
    get size() {
      return entries.size;
    },
    async get(key) {
      return live(key)?.value.toString('utf8') ?? null;
    },
    async getBuffer(key) {
      const entry = live(key);
      return entry ? Buffer.from(entry.value) : null;
    },
    async set(key, value, ttlMs) {
      live(key);
      entries.set(key, { value: toBuffer(value), expiresAt: deadline(ttlMs) });
    },
    async setIfAbsent(key, value, ttlMs) {
      if (live(key)) return false;
      entries.set(key, { value: toBuffer(value), expiresAt: deadline(ttlMs) });
      return true;
    },
    async increment(key, by = 1, ttlMs) {
      assertIncrement(by);
      const entry = live(key);
      const expiresAt = entry ? entry.expiresAt : deadline(ttlMs);
      const text = entry ? entry.value.toString('utf8') : '0';
      if (!INTEGER_TEXT.test(text)) throw new StoreValueError(`value of ${key} is not an integer`);
      const next = Number(text) + by;
      if (!Number.isSafeInteger(next)) throw new StoreValueError(`increment of ${key} overflows`);
      entries.set(key, { value: Buffer.from(String(next)), expiresAt });
      return next;
    },
    async delete(key) {
      return live(key) !== undefined && entries.delete(key);
    },
    async ttl(key) {
      const entry = live(key);
      if (entry?.expiresAt === undefined) return null;
      return Math.max(0, Math.round(entry.expiresAt - now()));
    },
    async expire(key, ttlMs) {
      const entry = live(key);
      const expiresAt = deadline(ttlMs);
      if (!entry) return false;
      entry.expiresAt = expiresAt;
      return true;
    },
    async ping() {
      return !closed;
    },
    async close() {
      closed = true;
      clearInterval(sweep);
      entries.clear();
    },
  };
}
