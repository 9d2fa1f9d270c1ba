import { OperationalError } from '@dms/service-kit';
import { createNatsRpc } from '@dms/bus/src/rpc';
import { createKafkaHarness } from '@dms/bus/src/kafka/kafka-test.harness';
import { createMongoStore } from '@dms/store/src/mongo/mongo.store';
import { createRedisKeyValueStore } from '@dms/store/src/redis/redis-key-value.store';
import { infraEnv, uniqueName } from '@dms/store/src/test-support/infra-env';
import { detection, eventually, inventory, withLuhn } from './test-support/detection.fixtures';
import { api, startHarness, type Harness } from './test-support/service.harness';

const M = '491709876543';
const A = '35693803564380';
const B = '35290611234567';
const t = (day: number): string => `2026-06-${String(day).padStart(2, '0')}T12:00:00.000Z`;

jest.setTimeout(120_000);

describe('subscriber-terminal on Kafka, FerretDB, Redis and NATS', () => {
  let kafka: Awaited<ReturnType<typeof createKafkaHarness>>;
  let h: Harness;
  beforeAll(async () => {
    kafka = await createKafkaHarness([
      'terminal.combination-detected.v1',
      'device.inventory-reported.v1',
      'subscription.changed.v1',
      'terminal.subscriber-updated.v1',
    ]);
    const natsUrl = process.env['DMS_NATS_URL'];
    if (!natsUrl)
      throw new OperationalError('TEST_NO_NATS', 'DMS_NATS_URL is not set; run the integration project');
    h = await startHarness({
      bus: kafka.bus,
      rpc: await createNatsRpc({
        servers: natsUrl,
        name: 'subscriber-terminal-int',
        subjectPrefix: uniqueName('st'),
      }),
      store: createMongoStore({ url: infraEnv('DMS_MONGO_URL'), database: uniqueName('st') }),
      cache: createRedisKeyValueStore({ url: infraEnv('DMS_REDIS_URL'), keyPrefix: `${uniqueName('st')}:` }),
      config: { consumerGroup: uniqueName('st-group') },
    });
  });
  afterAll(async () => {
    await h?.close();
    await kafka?.close();
  });

  it('consumes detections and inventories from Kafka and answers REST lookups from FerretDB', async () => {
    // kafka.peer stands for hlr-detector and dm-gateway producing on the same topics.
    await kafka.peer.publish('terminal.combination-detected.v1', detection(M, withLuhn(A), t(1)), {
      id: 'int-e1',
    });
    await kafka.peer.publish('terminal.combination-detected.v1', detection(M, B, t(2)), { id: 'int-e2' });
    await kafka.peer.publish('terminal.combination-detected.v1', detection(M, B, t(2)), {
      id: 'int-e2-copy',
    });
    await kafka.peer.publish('terminal.combination-detected.v1', detection(M, A, t(3)), { id: 'int-e3' });
    await eventually(async () => expect(h.updates).toHaveLength(3), 60_000);
    await kafka.peer.publish(
      'device.inventory-reported.v1',
      inventory(withLuhn(A), 'Apple', 'iPhone 6', t(4), '12.5'),
      { id: 'int-i1' },
    );
    await eventually(async () => expect(h.updates).toHaveLength(4), 60_000);

    const subscriber = await api(h, 'GET', `/api/v1/subscribers/${M}`);
    expect(subscriber.body.history).toEqual([
      { imei: A, from: t(1), to: t(2), sourceEventId: 'int-e1' },
      { imei: B, from: t(2), to: t(3), sourceEventId: 'int-e2' },
      { imei: A, from: t(3), to: null, sourceEventId: 'int-e3' },
    ]);
    expect(subscriber.body.terminal).toMatchObject({
      imei: A,
      manufacturer: 'Apple',
      model: 'iPhone 6',
      fwV: '12.5',
      catalog: { origin: 'learned' },
    });
    const page = await api(h, 'GET', '/api/v1/subscribers?manufacturer=Apple&firmware=12.5&limit=10');
    expect(page.body.items.map((s: { msisdn: string }) => s.msisdn)).toEqual([M]);
    expect(h.updates.map((u) => u.data.change)).toEqual([
      'terminal-attached',
      'terminal-attached',
      'terminal-attached',
      'terminal-identified',
    ]);
  });

  it('imports the catalog over REST and caches TAC lookups in Redis', async () => {
    const imported = await api(
      h,
      'POST',
      '/api/v1/catalog/import',
      `tac,manufacturer,model,os\n${B.slice(0, 8)},Samsung,Galaxy S21,Android\n`,
      'text/csv',
    );
    expect(imported.body).toEqual({ imported: 1 });
    const entry = await api(h, 'GET', `/api/v1/catalog/${B.slice(0, 8)}`);
    expect(entry.body).toMatchObject({ manufacturer: 'Samsung', origin: 'imported' });
    expect(await h.cache.get(`st:tac:${B.slice(0, 8)}`)).toContain('Galaxy S21');
    const terminal = await api(h, 'GET', `/api/v1/terminals/${B}`);
    expect(terminal.body.catalog).toMatchObject({ model: 'Galaxy S21' });
    expect(terminal.body.history).toEqual([{ imei: B, from: t(2), to: t(3), sourceEventId: 'int-e2' }]);
  });

  it('merges attributes and pages by attribute on FerretDB', async () => {
    await api(
      h,
      'PATCH',
      `/api/v1/subscribers/${M}/attributes`,
      JSON.stringify({ segment: 'gold', tariff: 'x' }),
    );
    const patched = await api(
      h,
      'PATCH',
      `/api/v1/subscribers/${M}/attributes`,
      JSON.stringify({ tariff: null }),
    );
    expect(patched.body).toEqual({ attributes: { segment: 'gold' } });
    const page = await api(h, 'GET', '/api/v1/subscribers?attr.segment=gold');
    expect(page.body.items.map((s: { msisdn: string }) => s.msisdn)).toEqual([M]);
  });

  it('cleans up on FerretDB: removes what was not seen for the retention period, history anonymised', async () => {
    // The June detections are older than the 30 days of retention of the harness.
    const report = await api(h, 'POST', '/api/v1/cleanup');
    expect(report.body).toMatchObject({ subscribersRemoved: 1, terminalsRemoved: 2, historyEntries: 3 });
    expect((await api(h, 'GET', `/api/v1/subscribers/${M}`)).status).toBe(404);
    const history = await h.store
      .collection<{ _id: string; msisdn: string }>('associations')
      .find({ anonymised: true });
    expect(history).toHaveLength(3);
    expect(JSON.stringify(history)).not.toContain(M);
    await eventually(
      async () => expect(h.updates.map((u) => u.data.change)).toContain('subscriber-removed'),
      30_000,
    );
  });
});
