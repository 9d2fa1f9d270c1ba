import type { KeyValueStore } from './key-value-store.port';
import { createMemoryKeyValueStore, type MemoryKeyValueStoreOptions } from './memory/memory-key-value.store';
import { createRedisKeyValueStore, type RedisKeyValueStoreOptions } from './redis/redis-key-value.store';

export type KeyValueStoreOptions = ({ kind: 'redis' } & RedisKeyValueStoreOptions) | ({ kind: 'memory' } & MemoryKeyValueStoreOptions);

/** Picks the adapter from configuration: Redis when distributed, in-process memory in one-machine mode. */
export function createKeyValueStore(options: KeyValueStoreOptions): KeyValueStore {
  switch (options.kind) {
    case 'redis': {
      const { kind: _kind, ...redis } = options;
      return createRedisKeyValueStore(redis);
    }
    case 'memory': {
      const { kind: _kind, ...memory } = options;
      return createMemoryKeyValueStore(memory);
    }
  }
}
