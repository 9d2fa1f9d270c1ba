import { rpcSubjectPrefix } from '@dms/service-kit';
import {
  createInProcessEventBus,
  createKafkaEventBus,
  createKeyValueProcessedEventLog,
  type EventBus,
  type Rpc,
} from '@dms/bus';
import { createInProcessRpc, createNatsRpc } from '@dms/bus/src/rpc';
import type { Logger } from '@dms/service-kit';
import {
  createEmbeddedStore,
  createMemoryKeyValueStore,
  createMongoStore,
  createRedisKeyValueStore,
  type DocumentStore,
  type KeyValueStore,
} from '@dms/store';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConfigServiceConfig } from '../config';

export const CONFIG_SOURCE = '/services/config';

/** Kafka when DMS_KAFKA_BROKERS is set, else the in-process bus; handled event ids are remembered in the cache. */
export function createBus(config: ConfigServiceConfig, cache: KeyValueStore, logger: Logger): EventBus {
  const processedLog = createKeyValueProcessedEventLog({ store: cache, prefix: 'config:processed:' });
  if (config.kafkaBrokers === undefined) return createInProcessEventBus({ source: CONFIG_SOURCE, processedLog, logger });
  return createKafkaEventBus({
    brokers: config.kafkaBrokers,
    clientId: 'config',
    source: CONFIG_SOURCE,
    processedLog,
    logger,
    topicPrefix: config.topicPrefix,
  });
}

export function createRpc(config: ConfigServiceConfig, logger: Logger): Promise<Rpc> | Rpc {
  if (config.natsUrl === undefined) return createInProcessRpc({ logger });
  return createNatsRpc({ servers: config.natsUrl, name: `config-${process.pid}`, subjectPrefix: rpcSubjectPrefix(config.topicPrefix), logger });
}

export function createStore(config: Pick<ConfigServiceConfig, 'mongoUrl' | 'mongoDatabase' | 'embeddedFile'>): DocumentStore {
  if (config.mongoUrl !== undefined) return createMongoStore({ url: config.mongoUrl, database: config.mongoDatabase, appName: 'config' });
  mkdirSync(dirname(config.embeddedFile), { recursive: true });
  return createEmbeddedStore({ file: config.embeddedFile });
}

export function createCache(config: Pick<ConfigServiceConfig, 'redisUrl'>, logger: Logger): KeyValueStore {
  if (config.redisUrl === undefined) return createMemoryKeyValueStore();
  return createRedisKeyValueStore({
    url: config.redisUrl,
    keyPrefix: 'config:',
    onConnectionError: (err) => logger.warn({ err }, 'redis connection error'),
  });
}
