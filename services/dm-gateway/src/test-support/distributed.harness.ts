import { randomBytes } from 'node:crypto';
import { createKafkaEventBus, createTopicsRetrying, type EventBus } from '@dms/bus';
import {
  createMongoStore,
  createRedisKeyValueStore,
  type DocumentStore,
  type KeyValueStore,
} from '@dms/store';
import { Kafka, logLevel } from 'kafkajs';
import type { DmGatewaySettings } from '../config';
import type { DeviceWakeUp } from '../domain/device-wake-up.port';
import { EventLog, startGateway, type GatewayHarness } from './gateway.harness';

/** Helpers of test/e2e/dm-gateway.e2e.test.ts and the benchmark: real Kafka, FerretDB, Redis from infra.sh. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '')
    throw new TypeError(`${name} is not set: run "bash deploy/local/infra.sh up" and export its lines`);
  return value;
}

export const GATEWAY_TOPICS = [
  'dm.command-requested.v1',
  'dm.command-completed.v1',
  'device.session-completed.v1',
  'device.inventory-reported.v1',
  'device.alert-raised.v1',
] as const;

export interface DistributedRun {
  readonly prefix: string;
  readonly database: string;
  readonly redisPrefix: string;
  kafkaBus(clientId: string): EventBus;
  mongo(): DocumentStore;
  redis(): KeyValueStore;
}

/** A unique topic prefix, database and Redis key prefix, with the topics created up front. */
export async function newDistributedRun(name: string): Promise<DistributedRun> {
  const id = `${name}-${randomBytes(4).toString('hex')}`;
  const prefix = `${id}.`;
  const brokers = requireEnv('DMS_KAFKA_BROKERS').split(',');
  const admin = new Kafka({ brokers, clientId: `${id}-admin`, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await createTopicsRetrying(
    admin,
    [...GATEWAY_TOPICS.map((t) => `${prefix}${t}`), `${prefix}dlq.dm-gateway`].map((topic) => ({ topic, numPartitions: 4 })),
  );
  await admin.disconnect();
  return {
    prefix,
    database: id.replace(/[^A-Za-z0-9_]/g, '_'),
    redisPrefix: `${id}:`,
    kafkaBus: (clientId) =>
      createKafkaEventBus({
        brokers,
        clientId: `${id}-${clientId}`,
        source: '/services/dm-gateway',
        topicPrefix: prefix,
        consumer: { maxWaitTimeMs: 100 },
      }),
    mongo: () =>
      createMongoStore({
        url: requireEnv('DMS_MONGO_URL'),
        database: id.replace(/[^A-Za-z0-9_]/g, '_'),
        appName: 'dm-gateway-e2e',
      }),
    redis: () => createRedisKeyValueStore({ url: requireEnv('DMS_REDIS_URL'), keyPrefix: `${id}:` }),
  };
}

/** One gateway instance on its own Kafka client, Mongo client and Redis connection (as two pods would have). */
export async function startDistributedGateway(
  run: DistributedRun,
  name: string,
  config: Partial<DmGatewaySettings> = {},
  wakeUp?: DeviceWakeUp,
): Promise<GatewayHarness & { closeAll(): Promise<void> }> {
  const bus = run.kafkaBus(name);
  const store = run.mongo();
  const kv = run.redis();
  const h = await startGateway({
    bus,
    store,
    kv,
    events: false,
    config,
    ...(wakeUp === undefined ? {} : { wakeUp }),
  });
  return {
    ...h,
    async closeAll() {
      await h.close();
      await bus.close();
      await store.close();
      await kv.close();
    },
  };
}

export async function attachEventLog(run: DistributedRun): Promise<{ log: EventLog; bus: EventBus }> {
  const bus = run.kafkaBus('observer');
  return { log: await EventLog.attach(bus), bus };
}
