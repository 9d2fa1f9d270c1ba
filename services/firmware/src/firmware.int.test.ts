import { createKafkaHarness } from '@dms/bus/src/kafka/kafka-test.harness';
import { createNatsRpc } from '@dms/bus/src/rpc';
import { OperationalError } from '@dms/service-kit';
import { createMongoStore } from '@dms/store/src/mongo/mongo.store';
import { infraEnv, uniqueName } from '@dms/store/src/test-support/infra-env';
import { randomBytes } from 'node:crypto';
import { eventually, startFirmwareHarness, type FirmwareHarness } from './test-support/firmware.harness';

jest.setTimeout(120_000);

/**
 * firmware on real servers: packages and their bytes in FerretDB, consent over NATS, the
 * job, its answer, the FUMO result and the outcome over Kafka; an invalid alert goes to the
 * dead-letter topic and the next valid one is still handled.
 */
describe('firmware on Kafka, FerretDB and NATS', () => {
  let kafka: Awaited<ReturnType<typeof createKafkaHarness>>;
  let h: FirmwareHarness;
  let group: string;
  beforeAll(async () => {
    kafka = await createKafkaHarness(['dm.command-requested.v1', 'dm.command-completed.v1', 'device.alert-raised.v1', 'diagnostics.report-completed.v1', 'firmware.update-completed.v1', 'firmware.rollout-changed.v1']);
    const natsUrl = process.env['DMS_NATS_URL'];
    if (!natsUrl) throw new OperationalError('TEST_NO_NATS', 'DMS_NATS_URL is not set; run the integration project');
    group = uniqueName('fw-group');
    h = await startFirmwareHarness({
      bus: kafka.bus,
      rpc: await createNatsRpc({ servers: natsUrl, name: 'firmware-int', subjectPrefix: uniqueName('fw') }),
      store: createMongoStore({ url: infraEnv('DMS_MONGO_URL'), database: uniqueName('firmware') }),
      config: { consumerGroup: group },
    });
  });
  afterAll(async () => {
    await h?.close();
    await h?.rpc.close();
    await kafka?.close();
  });

  it('stores a multi-chunk package, serves it byte for byte, runs the update to its result and dead-letters an invalid alert', async () => {
    const bytes = randomBytes(700 * 1024);
    const pkg = await h.registerPackage({ manufacturer: 'Acme', model: 'AcmePhone 1', version: '1.3.0', bytes });
    expect(pkg).toMatchObject({ size: bytes.length });
    h.consent.set('491730000001', 'granted');
    const deviceId = 'IMEI:356938035643809';
    const requested = await h.api('POST', '/api/v1/firmware/updates', { deviceId, msisdn: '491730000001', packageId: pkg.packageId });
    expect(requested.status).toBe(202);
    const job = await eventually(() => h.events['dm.command-requested.v1'].find((e) => e.data.deviceId === deviceId) ?? Promise.reject(new TypeError('no job')), 60_000);
    const url = job.data.commands[2]!.data!;
    const downloaded = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(downloaded.equals(bytes)).toBe(true);
    const tail = await fetch(url, { headers: { range: 'bytes=-1000' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(bytes.length - 1000))).toBe(true);

    await kafka.peer.publish('dm.command-completed.v1', { jobId: job.data.jobId, deviceId, correlationId: requested.body.updateId, outcome: 'completed', results: [{ cmdRef: '4', verb: 'Exec', target: './FUMO/FwPkg1/DownloadAndUpdate', status: 202, items: [] }], completedAt: new Date().toISOString() }, { id: `int-${job.data.jobId}` });
    await eventually(async () => expect((await h.api('GET', `/api/v1/firmware/updates/${requested.body.updateId}`)).body.state).toBe('accepted'), 60_000);
    await kafka.publishRaw('device.alert-raised.v1', { key: deviceId, value: Buffer.from(JSON.stringify({ deviceId, code: 1227, data: '200' })) });
    await kafka.peer.publish('device.alert-raised.v1', { deviceId, code: 1226, format: 'int', data: '200', correlator: `${job.data.jobId}:4`, raisedAt: new Date().toISOString() }, { id: `int-alert-${job.data.jobId}` });
    const done = await eventually(() => h.events['firmware.update-completed.v1'].find((e) => e.data.deviceId === deviceId) ?? Promise.reject(new TypeError('no outcome')), 60_000);
    expect(done.data).toMatchObject({ outcome: 'succeeded', resultCode: 200, toVersion: '1.3.0' });
    const dead = await kafka.readDeadLetters(`${group}.alerts`, 1, 60_000);
    expect(JSON.parse(dead[0]!.value!.toString())).toMatchObject({ code: 1227 });
  });
});
