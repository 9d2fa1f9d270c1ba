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
import { CONSOLE_SOURCE } from '../console';
import type { ConsoleConfig } from '../config';

/** Kafka when DMS_KAFKA_BROKERS is set, else the in-process bus; handled ids are remembered in the cache. */
export function createBus(config: ConsoleConfig, cache: KeyValueStore, logger: Logger): EventBus {
  const processedLog = createKeyValueProcessedEventLog({ store: cache, prefix: 'console:processed:' });
  if (config.kafkaBrokers === undefined)
    return createInProcessEventBus({ source: CONSOLE_SOURCE, processedLog, logger });
  return createKafkaEventBus({
    brokers: config.kafkaBrokers,
    clientId: 'console',
    source: CONSOLE_SOURCE,
    processedLog,
    logger,
    topicPrefix: config.topicPrefix,
  });
}

export function createRpc(config: ConsoleConfig, logger: Logger): Promise<Rpc> | Rpc {
  if (config.natsUrl === undefined) return createInProcessRpc({ logger });
  return createNatsRpc({ servers: config.natsUrl, name: `console-${process.pid}`, subjectPrefix: rpcSubjectPrefix(config.topicPrefix), logger });
}

export function createStore(config: Pick<ConsoleConfig, 'mongoUrl' | 'mongoDatabase' | 'embeddedFile'>): DocumentStore {
  if (config.mongoUrl !== undefined)
    return createMongoStore({ url: config.mongoUrl, database: config.mongoDatabase, appName: 'console' });
  mkdirSync(dirname(config.embeddedFile), { recursive: true });
  return createEmbeddedStore({ file: config.embeddedFile });
}

export function createCache(config: Pick<ConsoleConfig, 'redisUrl'>, logger: Logger): KeyValueStore {
  if (config.redisUrl === undefined) return createMemoryKeyValueStore();
  return createRedisKeyValueStore({
    url: config.redisUrl,
    keyPrefix: 'console:',
    onConnectionError: (err) => logger.warn({ err }, 'redis connection error'),
  });
}
