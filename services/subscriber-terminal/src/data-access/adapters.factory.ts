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
import type { DocumentStore, KeyValueStore } from '@dms/store';
import { createEmbeddedStore } from '@dms/store/src/embedded/embedded.store';
import { createMemoryKeyValueStore } from '@dms/store/src/memory/memory-key-value.store';
import { createMongoStore } from '@dms/store/src/mongo/mongo.store';
import { createRedisKeyValueStore } from '@dms/store/src/redis/redis-key-value.store';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SubscriberTerminalConfig } from '../config';

export const SOURCE = '/services/subscriber-terminal';

/** Kafka when DMS_KAFKA_BROKERS is set, else the in-process bus; ids handled are remembered in the cache. */
export function createBus(config: SubscriberTerminalConfig, cache: KeyValueStore, logger: Logger): EventBus {
  const processedLog = createKeyValueProcessedEventLog({ store: cache, prefix: 'st:processed:' });
  if (config.kafkaBrokers === undefined)
    return createInProcessEventBus({ source: SOURCE, processedLog, logger });
  return createKafkaEventBus({
    brokers: config.kafkaBrokers,
    clientId: 'subscriber-terminal',
    source: SOURCE,
    processedLog,
    logger,
    topicPrefix: config.topicPrefix,
  });
}

export function createRpc(config: SubscriberTerminalConfig, logger: Logger): Promise<Rpc> | Rpc {
  if (config.natsUrl === undefined) return createInProcessRpc({ logger });
  return createNatsRpc({ servers: config.natsUrl, name: `subscriber-terminal-${process.pid}`, subjectPrefix: rpcSubjectPrefix(config.topicPrefix), logger });
}

type StoreSettings = Pick<SubscriberTerminalConfig, 'mongoUrl' | 'mongoDatabase' | 'embeddedFile'>;

/** `synchronous: 'normal'` suits a bulk import that is simply re-run after a power loss. */
export function createStore(
  config: StoreSettings,
  options: { synchronous?: 'full' | 'normal' } = {},
): DocumentStore {
  if (config.mongoUrl !== undefined)
    return createMongoStore({
      url: config.mongoUrl,
      database: config.mongoDatabase,
      appName: 'subscriber-terminal',
    });
  mkdirSync(dirname(config.embeddedFile), { recursive: true });
  return createEmbeddedStore({
    file: config.embeddedFile,
    ...(options.synchronous === undefined ? {} : { synchronous: options.synchronous }),
  });
}

export function createCache(
  config: Pick<SubscriberTerminalConfig, 'redisUrl'>,
  logger: Logger,
): KeyValueStore {
  if (config.redisUrl === undefined) return createMemoryKeyValueStore();
  return createRedisKeyValueStore({
    url: config.redisUrl,
    keyPrefix: 'subscriber-terminal:',
    onConnectionError: (err) => logger.warn({ err }, 'redis connection error'),
  });
}
