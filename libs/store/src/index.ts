// Ports
export * from './document-store.port';
export * from './key-value-store.port';

// Factories: services pick the adapter by configuration
export * from './document-store.factory';
export * from './key-value-store.factory';

// Adapters
export { createEmbeddedStore, type EmbeddedStoreOptions } from './embedded/embedded.store';
export { createMongoStore, type MongoStoreOptions } from './mongo/mongo.store';
export { createRedisKeyValueStore, type RedisKeyValueStoreOptions } from './redis/redis-key-value.store';
export {
  createMemoryKeyValueStore,
  type MemoryKeyValueStore,
  type MemoryKeyValueStoreOptions,
} from './memory/memory-key-value.store';

// Errors
export { DuplicateKeyError } from './errors/duplicate-key.error';
export { InvalidQueryError } from './errors/invalid-query.error';
export { StoreClosedError } from './errors/store-closed.error';
export { StoreOperationError } from './errors/store-operation.error';
export { StoreUnavailableError } from './errors/store-unavailable.error';
export { StoreValueError } from './errors/store-value.error';

// Contract suites, for any further adapter (they call jest's describe/it when invoked)
export { defineDocumentStoreContract, type DocumentStoreFactory } from './document-store.contract';
export { defineKeyValueStoreContract, type KeyValueStoreFactory } from './key-value-store.contract';
