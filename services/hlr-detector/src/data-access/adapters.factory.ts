import { createInProcessEventBus, createKafkaEventBus, type BusLogger, type EventBus } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import { openServiceStore } from '@dms/service-runtime';
import {
  createMemoryKeyValueStore,
  createRedisKeyValueStore,
  type DocumentStore,
  type KeyValueStore,
} from '@dms/store';
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
  return openServiceStore(config, 'hlr-detector');
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
