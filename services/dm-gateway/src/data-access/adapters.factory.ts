import { rpcSubjectPrefix } from '@dms/service-kit';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInProcessEventBus, createKafkaEventBus, createKeyValueProcessedEventLog, createNatsRpc, type EventBus, type Rpc } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import { createDocumentStore, createKeyValueStore, type DocumentStore, type KeyValueStore } from '@dms/store';
import type { DmGatewayConfig } from '../config';

export const SOURCE = '/services/dm-gateway';

/** Kafka when DMS_KAFKA_BROKERS is set, else the in-process bus; handled event ids are remembered in the key-value store. */
export function createBus(config: DmGatewayConfig, kv: KeyValueStore, logger: Logger): EventBus {
  const processedLog = createKeyValueProcessedEventLog({ store: kv, prefix: 'processed:' });
  if (config.kafkaBrokers === undefined) return createInProcessEventBus({ source: SOURCE, processedLog, logger });
  return createKafkaEventBus({ brokers: config.kafkaBrokers, clientId: 'dm-gateway', source: SOURCE, processedLog, logger, topicPrefix: config.topicPrefix });
}

export function createStore(config: DmGatewayConfig): DocumentStore {
  if (config.mongoUrl !== undefined) return createDocumentStore({ kind: 'mongo', url: config.mongoUrl, database: config.mongoDatabase, appName: 'dm-gateway' });
  mkdirSync(dirname(config.embeddedFile), { recursive: true });
  return createDocumentStore({ kind: 'embedded', file: config.embeddedFile });
}

export function createSessionState(config: DmGatewayConfig, logger: Logger): KeyValueStore {
  if (config.redisUrl === undefined) return createKeyValueStore({ kind: 'memory' });
  return createKeyValueStore({ kind: 'redis', url: config.redisUrl, keyPrefix: config.redisKeyPrefix, onConnectionError: (err) => logger.warn({ err }, 'redis connection error') });
}

/** NATS RPC when DMS_NATS_URL is set; standalone without it nobody could answer, so no Rpc at all. */
export async function createRpc(config: DmGatewayConfig, logger: Logger): Promise<Rpc | undefined> {
  if (config.natsUrl === undefined) return undefined;
  return createNatsRpc({ servers: config.natsUrl, name: `dm-gateway-${process.pid}`, subjectPrefix: rpcSubjectPrefix(config.topicPrefix), logger });
}
