import Redis from 'ioredis';
import type { KeyValueStore } from '../key-value-store.port';
import { StoreClosedError } from '../errors/store-closed.error';
import { assertIncrement, assertKey, toTtlMs } from '../kv/key-value.validation';
import { InFlightCommands } from './in-flight-commands';
import { ConnectionLostError, mapRedisError } from './redis-error.mapper';

export interface RedisKeyValueStoreOptions {
  /** redis://[:password@]host:port[/db] */
  url: string;
  /** Prepended to every key, so services (and tests) share one Redis without collisions. */
  keyPrefix?: string;
  connectTimeoutMs?: number;
  /**
   * Upper bound for one command, including time queued while the connection is down
   * (default 5 s). A Redis restart shorter than this is invisible to callers.
   */
  commandTimeoutMs?: number;
  /** Connection errors are also reported to the caller of each command; this is for logging. */
  onConnectionError?: (error: Error) => void;
}

// Creates the counter with its TTL in one step, so a crash between INCRBY and PEXPIRE
// cannot leave a counter that never expires.
const INCREMENT_SCRIPT = `
local created = redis.call('EXISTS', KEYS[1]) == 0
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if created and tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`;

type RedisWithIncrement = Redis & {
  dmsIncrement(key: string, by: number, ttlMs: number): Promise<number>;
};

export function createRedisKeyValueStore(options: RedisKeyValueStoreOptions): KeyValueStore {
  const redis = new Redis(options.url, {
    keyPrefix: options.keyPrefix,
    connectTimeout: options.connectTimeoutMs ?? 5_000,
    commandTimeout: options.commandTimeoutMs ?? 5_000,
    // Commands issued while reconnecting wait in the offline queue (bounded by
    // commandTimeout) instead of failing at once; the queue is never flushed early.
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    // A command in flight when the connection drops may have run; re-sending it could
    // increment twice or make a won setIfAbsent look lost. It fails instead (retriable).
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  }) as RedisWithIncrement;
  redis.defineCommand('dmsIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
  // Without a listener ioredis prints every reconnect failure to the console.
  redis.on('error', (error: Error) => options.onConnectionError?.(error));
  let closed = false;
  const inFlight = new InFlightCommands();
  redis.on('close', () => inFlight.abortAll(new ConnectionLostError()));

  const call = async <R>(command: string, key: string, work: () => Promise<R>): Promise<R> => {
    if (closed) throw new StoreClosedError('redis key-value store');
    assertKey(key);
    try {
      // Only a command written to a live connection can be cut off; one issued while
      // reconnecting waits in the offline queue and is sent once the connection is back.
      return await (redis.status === 'ready' ? inFlight.track(work()) : work());
    } catch (error) {
      throw mapRedisError(error, command);
    }
  };

  return {
    get: (key) => call('get', key, () => redis.get(key)),
    getBuffer: (key) => call('getBuffer', key, () => redis.getBuffer(key)),
    async set(key, value, ttlMs) {
      const px = ttlMs === undefined ? undefined : toTtlMs(ttlMs);
      await call('set', key, () => (px === undefined ? redis.set(key, value) : redis.set(key, value, 'PX', px)));
    },
    async setIfAbsent(key, value, ttlMs) {
      const px = ttlMs === undefined ? undefined : toTtlMs(ttlMs);
      const reply = await call('setIfAbsent', key, () =>
        px === undefined ? redis.set(key, value, 'NX') : redis.set(key, value, 'PX', px, 'NX'),
      );
      return reply === 'OK';
    },
    async increment(key, by = 1, ttlMs) {
      assertIncrement(by);
      const px = ttlMs === undefined ? 0 : toTtlMs(ttlMs);
      return Number(await call('increment', key, () => redis.dmsIncrement(key, by, px)));
    },
    delete: async (key) => (await call('delete', key, () => redis.del(key))) > 0,
    async ttl(key) {
      const remaining = await call('ttl', key, () => redis.pttl(key));
      // PTTL: -2 no such key, -1 key without TTL.
      return remaining < 0 ? null : remaining;
    },
    async expire(key, ttlMs) {
      const px = toTtlMs(ttlMs);
      return (await call('expire', key, () => redis.pexpire(key, px))) === 1;
    },
    async ping() {
      if (closed) return false;
      try {
        return (await redis.ping()) === 'PONG';
      } catch {
        // Readiness wants a yes or no; the cause shows in the next real command.
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
