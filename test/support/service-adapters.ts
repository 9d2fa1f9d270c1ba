/**
 * The adapters each service gets in cross-service tests: the embedded ones (one in-process
 * bus and RPC hub, a SQLite file per service, as `pnpm start`) or the distributed ones
 * (per service its own Kafka client, NATS connection, MongoDB database and Redis prefix,
 * as separate pods), all under one run prefix so parallel runs never meet.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafkaEventBus, createKeyValueProcessedEventLog, createNatsRpc, type EventBus, type Rpc } from '../../libs/bus/src/index';
import { createLogger, type Logger } from '../../libs/service-kit/src/index';
import { createMongoStore, createRedisKeyValueStore, type DocumentStore, type KeyValueStore } from '../../libs/store/src/index';
import { EmbeddedRuntime } from '../../services/embedded/src/composition/embedded-runtime';

export interface ServiceAdapters {
  readonly bus: EventBus;
  readonly rpc: Rpc;
  readonly store: DocumentStore;
  readonly cache: KeyValueStore;
}

export interface AdapterFactory {
  readonly mode: 'embedded' | 'distributed';
  readonly runId: string;
  /** Kafka topic prefix of the run ('' when embedded). */
  readonly topicPrefix: string;
  forService(service: string, source: string): Promise<ServiceAdapters>;
  /** A bus of the test itself (publish observations, watch events). */
  observerBus(): EventBus;
  close(): Promise<void>;
}

export const testLogger = (service: string): Logger =>
  createLogger({ service, level: process.env['DMS_TEST_LOG'] === '1' ? 'debug' : 'silent' });

function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new TypeError(`${name} is not set: run through jest (its global setup starts deploy/local/infra.sh)`);
  return value;
}

export async function embeddedAdapters(): Promise<AdapterFactory> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dms-system-'));
  const runtime = await EmbeddedRuntime.open({ dataDir, synchronous: 'normal', logger: testLogger('embedded') });
  return {
    mode: 'embedded',
    runId: 'embedded',
    topicPrefix: '',
    forService: async (service, source) => ({ bus: runtime.busFor(source), rpc: runtime.rpcFor(service), store: runtime.storeFor(service), cache: runtime.cacheFor() }),
    observerBus: () => runtime.busFor('/test/observer'),
    async close() {
      await runtime.closeRpc();
      await runtime.closeBus();
      await runtime.closeStores();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function distributedAdapters(name: string): AdapterFactory {
  const runId = `${name}-${randomBytes(4).toString('hex')}`;
  const topicPrefix = `${runId}.`;
  const closers: (() => Promise<void>)[] = [];
  const kafka = (clientId: string, source: string, cache?: KeyValueStore): EventBus => {
    const bus = createKafkaEventBus({
      brokers: requireEnv('DMS_KAFKA_BROKERS').split(','),
      clientId: `${runId}-${clientId}`,
      source,
      topicPrefix,
      consumer: { maxWaitTimeMs: 100 },
      ...(cache === undefined ? {} : { processedLog: createKeyValueProcessedEventLog({ store: cache, prefix: 'processed:' }) }),
    });
    closers.push(() => bus.close());
    return bus;
  };
  return {
    mode: 'distributed',
    runId,
    topicPrefix,
    async forService(service, source) {
      const cache = createRedisKeyValueStore({ url: requireEnv('DMS_REDIS_URL'), keyPrefix: `${runId}:${service}:` });
      const store = createMongoStore({ url: requireEnv('DMS_MONGO_URL'), database: `${runId}_${service}`.replace(/[^A-Za-z0-9_]/g, '_'), appName: service });
      const rpc = await createNatsRpc({ servers: requireEnv('DMS_NATS_URL'), name: `${runId}-${service}`, subjectPrefix: runId.replace(/[^A-Za-z0-9_-]/g, '_') });
      const bus = kafka(service, source, cache);
      // Closed after the buses (closers run in reverse order of creation within each list).
      closers.unshift(async () => {
        await rpc.close();
        await store.close();
        await cache.close();
      });
      return { bus, rpc, store, cache };
    },
    observerBus: () => kafka('observer', '/test/observer'),
    async close() {
      for (const close of [...closers].reverse()) await close().catch(() => undefined);
    },
  };
}
