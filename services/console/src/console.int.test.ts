/**
 * Two console instances in distributed mode on the real servers: sessions and lock-out
 * counters in Redis (one instance honours the other's), users in FerretDB, lookups over NATS,
 * and the live feed on Kafka in one consumer group per instance, so that both instances'
 * viewers see every event.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createKafkaEventBus, type Rpc } from '@dms/bus';
import { createKafkaHarness, fastConsumer, testBrokers } from '@dms/bus/src/kafka/kafka-test.harness';
import { createNatsRpc } from '@dms/bus/src/rpc';
import { createLogger, OperationalError, problemHandler } from '@dms/service-kit';
import { createMongoStore, createRedisKeyValueStore } from '@dms/store';
import { infraEnv, uniqueName } from '@dms/store/src/test-support/infra-env';
import express from 'express';
import { createConsole, type Console } from './console';
import { LIVE_TOPICS } from './domain/live/feed-event';
import { LINES, PASSWORD, subscriberFixture } from './test-support/console.harness';
import { openFeedStream, waitUntil } from './test-support/sse.reader';

jest.setTimeout(120_000);

const logger = createLogger({ service: 'console-int', level: 'silent' });

interface Instance {
  url: string;
  service: Console;
  close(): Promise<void>;
}

describe('console instances on Kafka, NATS, FerretDB and Redis', () => {
  let kafka: Awaited<ReturnType<typeof createKafkaHarness>>;
  const closers: (() => Promise<void>)[] = [];
  let peer: Rpc;
  let a: Instance;
  let b: Instance;
  let firstAdmin: { username: string; password: string };

  async function instance(
    name: string,
    prefix: string,
    database: string,
    keyPrefix: string,
  ): Promise<Instance> {
    const natsUrl = process.env['DMS_NATS_URL'];
    if (!natsUrl)
      throw new OperationalError('TEST_NO_NATS', 'DMS_NATS_URL is not set; run the integration project');
    const bus = createKafkaEventBus({
      brokers: testBrokers(),
      clientId: `console-${name}`,
      source: '/services/console',
      topicPrefix: kafka.prefix,
      consumer: fastConsumer,
    });
    const rpc = await createNatsRpc({ servers: natsUrl, name: `console-${name}`, subjectPrefix: prefix });
    const store = createMongoStore({ url: infraEnv('DMS_MONGO_URL'), database });
    const cache = createRedisKeyValueStore({ url: infraEnv('DMS_REDIS_URL'), keyPrefix });
    const service = createConsole({
      bus,
      rpc,
      store,
      cache,
      logger,
      config: {
        liveGroup: uniqueName(`console-live-${name}`),
        sessionIdleTtlMs: 60_000,
        sessionMaxAgeMs: 120_000,
        signInMaxFailures: 3,
        signInLockMs: 60_000,
        rpcTimeoutMs: 2_000,
        dashboardMinutes: 60,
        tenantAttribute: undefined,
      },
    });
    await service.start();
    const app = express();
    app.use(service.router);
    app.use(problemHandler(logger));
    const server: Server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      service,
      async close() {
        service.endStreams();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await service.stop();
        await Promise.all([bus.close(), rpc.close(), store.close(), cache.close()]);
      },
    };
  }

  beforeAll(async () => {
    kafka = await createKafkaHarness(LIVE_TOPICS);
    const prefix = uniqueName('console');
    const database = uniqueName('console');
    const keyPrefix = `${uniqueName('console')}:`;
    peer = await createNatsRpc({
      servers: process.env['DMS_NATS_URL']!,
      name: 'st-stand-in',
      subjectPrefix: prefix,
    });
    // Stands in for subscriber-terminal on NATS.
    await peer.serve({
      subject: 'subscriber-terminal.get-subscriber.v1',
      handler: async ({ msisdn }) => ({
        subscriber: ((line) => (line ? subscriberFixture(line) : null))(
          Object.values(LINES).find((l) => l.msisdn === msisdn),
        ),
      }),
    });
    a = await instance('a', prefix, database, keyPrefix);
    b = await instance('b', prefix, database, keyPrefix);
    firstAdmin = (await a.service.ensureFirstAdmin())!;
    closers.push(
      () => a.close(),
      () => b.close(),
      () => peer.close(),
      () => kafka.close(),
    );
  });
  afterAll(async () => {
    for (const close of closers) await close().catch(() => undefined);
  });

  const call = async (base: string, method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };

  it('shares users, sessions and lock-outs between instances, and looks subscribers up over NATS', async () => {
    expect(await b.service.ensureFirstAdmin()).toBeNull();
    const admin = (await call(a.url, 'POST', '/api/v1/console/session', undefined, firstAdmin)).body
      .token as string;
    expect(
      (
        await call(b.url, 'POST', '/api/v1/console/users', admin, {
          username: 'carl',
          role: 'customer-care',
          password: PASSWORD,
        })
      ).status,
    ).toBe(201);

    const carl = (
      await call(b.url, 'POST', '/api/v1/console/session', undefined, {
        username: 'carl',
        password: PASSWORD,
      })
    ).body.token as string;
    expect((await call(a.url, 'GET', '/api/v1/console/me', carl)).body.user.username).toBe('carl');
    const lookup = await call(a.url, 'GET', `/api/v1/console/subscribers/${LINES.acme.msisdn}`, carl);
    expect(lookup.status).toBe(200);
    expect(lookup.body.subscriber.tenantId).toBe('acme');
    expect(lookup.body.reports.available).toBe(false);
    expect((await call(b.url, 'DELETE', '/api/v1/console/session', carl)).status).toBe(204);
    expect((await call(a.url, 'GET', '/api/v1/console/me', carl)).status).toBe(401);

    for (let i = 0; i < 3; i++)
      await call(a.url, 'POST', '/api/v1/console/session', undefined, {
        username: 'carl',
        password: `wrong ${i}`,
      });
    expect(
      (
        await call(b.url, 'POST', '/api/v1/console/session', undefined, {
          username: 'carl',
          password: PASSWORD,
        })
      ).status,
    ).toBe(429);
  });

  it("delivers every Kafka event to both instances' live viewers (one consumer group per instance)", async () => {
    const admin = (await call(a.url, 'POST', '/api/v1/console/session', undefined, firstAdmin)).body
      .token as string;
    const onA = await openFeedStream(a.url, admin);
    const onB = await openFeedStream(b.url, admin);
    const now = new Date().toISOString();
    await kafka.peer.publish(
      'terminal.combination-detected.v1',
      {
        kind: 'new-combination',
        msisdn: LINES.globex.msisdn,
        imsi: '262011234567890',
        imei: LINES.globex.imei,
        tac: LINES.globex.imei.slice(0, 8),
        newSubscriber: false,
        newTerminal: true,
        observedAt: now,
        detectedAt: now,
        source: 'int',
      },
      { id: 'int-live-1' },
    );
    await waitUntil(
      () => onA.events.length === 1 && onB.events.length === 1,
      'the event on both instances',
      60_000,
    );
    onA.close();
    onB.close();

    for (const stream of [onA, onB])
      expect(stream.events[0]).toMatchObject({
        id: 'int-live-1',
        msisdn: LINES.globex.msisdn,
        tenantId: 'globex',
      });
    const dashboard = await call(b.url, 'GET', '/api/v1/console/dashboard', admin);
    expect(dashboard.body.totals.detections).toBe(1);
  });
});
