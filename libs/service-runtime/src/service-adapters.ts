import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  createInProcessEventBus,
  createInProcessRpc,
  createKafkaEventBus,
  createKeyValueProcessedEventLog,
  createNatsRpc,
  type EventBus,
  type Rpc,
} from '@dms/bus';
import { rpcSubjectPrefix, type Logger, type ShutdownManager } from '@dms/service-kit';
import {
  createEmbeddedStore,
  createMemoryKeyValueStore,
  createMongoStore,
  createRedisKeyValueStore,
  type DocumentStore,
  type KeyValueStore,
} from '@dms/store';

/** The fields of `infrastructureFields`, `natsUrlField` and `serviceStoreFields` a service config carries. */
export interface AdapterSettings {
  readonly kafkaBrokers?: readonly string[] | undefined;
  readonly topicPrefix: string;
  readonly mongoUrl?: string | undefined;
  readonly mongoDatabase: string;
  readonly embeddedFile: string;
  readonly redisUrl?: string | undefined;
  readonly natsUrl?: string | undefined;
}

export interface AdapterOptions {
  /** Service name: Kafka client id, Mongo app name, NATS connection name, Redis key prefix. */
  readonly service: string;
  /** CloudEvents `source` of what the service publishes, e.g. `/services/config`. */
  readonly source: string;
  readonly logger: Logger;
  /** Hooks close the adapters in reverse order of opening: rpc, bus, store, cache. */
  readonly shutdown: ShutdownManager;
}

export interface ServiceAdapters {
  readonly bus: EventBus;
  readonly rpc: Rpc;
  readonly store: DocumentStore;
  readonly cache: KeyValueStore;
}

/**
 * ARCHITECTURE.md "Two ways to run": each adapter is the real server's when its address is
 * set, the one-machine equivalent otherwise. Handled event ids are remembered in the cache
 * (Redis: shared by the instances of the group), keys prefixed by the service.
 */
export async function openServiceAdapters(config: AdapterSettings, options: AdapterOptions): Promise<ServiceAdapters> {
  const { service, source, logger, shutdown } = options;
  const cache = openServiceCache(config, service, logger);
  shutdown.register('cache', () => cache.close());
  const store = openServiceStore(config, service);
  shutdown.register('store', () => store.close());
  const processedLog = createKeyValueProcessedEventLog({ store: cache, prefix: 'processed:' });
  const bus =
    config.kafkaBrokers === undefined
      ? createInProcessEventBus({ source, processedLog, logger })
      : createKafkaEventBus({ brokers: [...config.kafkaBrokers], clientId: service, source, processedLog, logger, topicPrefix: config.topicPrefix });
  shutdown.register('bus', () => bus.close());
  const rpc =
    config.natsUrl === undefined
      ? createInProcessRpc({ logger })
      : await createNatsRpc({ servers: config.natsUrl, name: `${service}-${process.pid}`, subjectPrefix: rpcSubjectPrefix(config.topicPrefix), logger });
  shutdown.register('rpc', () => rpc.close());
  return { bus, rpc, store, cache };
}

/** Redis (keys `<topic prefix><service>:`) when DMS_REDIS_URL is set, else in memory (one instance only). */
export function openServiceCache(config: Pick<AdapterSettings, 'redisUrl' | 'topicPrefix'>, service: string, logger: Logger): KeyValueStore {
  if (config.redisUrl === undefined) return createMemoryKeyValueStore();
  return createRedisKeyValueStore({
    url: config.redisUrl,
    keyPrefix: `${config.topicPrefix}${service}:`,
    onConnectionError: (err) => logger.warn({ err }, 'redis connection error'),
  });
}

/** The service's MongoDB database when DMS_MONGO_URL is set, else its SQLite file. */
export function openServiceStore(config: Pick<AdapterSettings, 'mongoUrl' | 'mongoDatabase' | 'embeddedFile'>, service: string): DocumentStore {
  if (config.mongoUrl !== undefined) return createMongoStore({ url: config.mongoUrl, database: config.mongoDatabase, appName: service });
  if (config.embeddedFile !== ':memory:') mkdirSync(dirname(config.embeddedFile), { recursive: true });
  return createEmbeddedStore({ file: config.embeddedFile });
}

/** What a service's start-up line says of its adapters. */
export function adapterSummary(config: AdapterSettings): Record<string, boolean> {
  return { kafka: config.kafkaBrokers !== undefined, nats: config.natsUrl !== undefined, mongo: config.mongoUrl !== undefined, redis: config.redisUrl !== undefined };
}
