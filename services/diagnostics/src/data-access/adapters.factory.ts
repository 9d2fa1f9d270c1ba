import { rpcSubjectPrefix } from '@dms/service-kit';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInProcessEventBus, createInProcessRpc, createKafkaEventBus, createNatsRpc, type EventBus, type Rpc } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import { createEmbeddedStore, createMongoStore, type DocumentStore } from '@dms/store';
import type { DiagnosticsConfig } from '../config';
import { DIAGNOSTICS_SOURCE } from '../diagnostics';

/** Kafka when DMS_KAFKA_BROKERS is set, else the in-process bus of embedded mode. */
export function createBus(config: DiagnosticsConfig, logger: Logger): EventBus {
  if (config.kafkaBrokers === undefined) return createInProcessEventBus({ source: DIAGNOSTICS_SOURCE, logger });
  return createKafkaEventBus({
    brokers: config.kafkaBrokers,
    clientId: 'diagnostics',
    source: DIAGNOSTICS_SOURCE,
    topicPrefix: config.topicPrefix,
    logger,
  });
}

/** NATS when DMS_NATS_URL is set, else in-process (nobody else to answer: lookups time out, runs go on). */
export function createRpc(config: DiagnosticsConfig, logger: Logger): Promise<Rpc> | Rpc {
  if (config.natsUrl === undefined) return createInProcessRpc({ logger });
  return createNatsRpc({ servers: config.natsUrl, name: `diagnostics-${process.pid}`, subjectPrefix: rpcSubjectPrefix(config.topicPrefix), logger });
}

/** MongoDB when DMS_MONGO_URL is set, else the embedded SQLite file. */
export function createStore(config: DiagnosticsConfig): DocumentStore {
  if (config.mongoUrl !== undefined)
    return createMongoStore({ url: config.mongoUrl, database: config.mongoDatabase, appName: 'diagnostics' });
  if (config.embeddedFile !== ':memory:') mkdirSync(dirname(config.embeddedFile), { recursive: true });
  return createEmbeddedStore({ file: config.embeddedFile });
}
