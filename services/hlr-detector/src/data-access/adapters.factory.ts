import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInProcessEventBus, createKafkaEventBus, type BusLogger, type EventBus } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import type { DocumentStore, KeyValueStore } from '@dms/store';
// @dms/store does not export its adapters from index.ts yet (colleague's work in progress):
// deep imports until it does; this is the only file that needs changing then.
import { createEmbeddedStore } from '@dms/store/src/embedded/embedded.store';
import { createMemoryKeyValueStore } from '@dms/store/src/memory/memory-key-value.store';
import { createMongoStore } from '@dms/store/src/mongo/mongo.store';
import { createRedisKeyValueStore } from '@dms/store/src/redis/redis-key-value.store';
import type { HlrDetectorConfig } from '../config';
import { HLR_DETECTOR_SOURCE } from '../hlr-detector';

/** Kafka when DMS_KAFKA_BROKERS is set, else the in-process bus of embedded mode. */
export function createBus(config: HlrDetectorConfig, logger: BusLogger): EventBus {
  if (config.kafkaBrokers === undefined)
    return createInProcessEventBus({ source: HLR_DETECTOR_SOURCE, logger });
  return createKafkaEventBus({
    brokers: config.kafkaBrokers,
    clientId: 'hlr-detector',
    source: HLR_DETECTOR_SOURCE,
    topicPrefix: config.topicPrefix,
    logger,
    producer: { lingerMs: config.publishLingerMs },
    consumer: {
      partitionsConsumedConcurrently: config.partitionsConcurrency,
      sessionTimeoutMs: config.kafkaSessionTimeoutMs,
      heartbeatIntervalMs: config.kafkaHeartbeatMs,
      rebalanceTimeoutMs: Math.max(config.kafkaSessionTimeoutMs, 10_000),
    },
  });
}

/** MongoDB when DMS_MONGO_URL is set, else the embedded SQLite file. */
export function createStore(config: HlrDetectorConfig): DocumentStore {
  if (config.mongoUrl !== undefined)
    return createMongoStore({
      url: config.mongoUrl,
      database: config.mongoDatabase,
      appName: 'hlr-detector',
    });
  if (config.embeddedFile !== ':memory:') mkdirSync(dirname(config.embeddedFile), { recursive: true });
  return createEmbeddedStore({ file: config.embeddedFile });
}

/** Redis when DMS_REDIS_URL is set, else process memory. */
export function createCache(config: HlrDetectorConfig, logger: Logger): KeyValueStore {
  if (config.redisUrl === undefined) return createMemoryKeyValueStore();
  return createRedisKeyValueStore({
    url: config.redisUrl,
    keyPrefix: config.topicPrefix === '' ? undefined : `${config.topicPrefix}`,
    onConnectionError: (error) => logger.warn({ err: error }, 'redis connection error'),
  });
}
