import type { Rpc } from '@dms/bus';
import { createNatsRpc } from '@dms/bus/src/rpc';
import { createKafkaHarness } from '@dms/bus/src/kafka/kafka-test.harness';
import type { ReportCompleted } from '@dms/contracts';
import { OperationalError } from '@dms/service-kit';
import { createMongoStore } from '@dms/store/src/mongo/mongo.store';
import { infraEnv, uniqueName } from '@dms/store/src/test-support/infra-env';
import { eventually, startConfig, type ConfigHarness } from './test-support/service.harness';

jest.setTimeout(120_000);

const DEVICE = 'IMEI:356938035643809';

describe('config on Kafka, FerretDB and NATS', () => {
  let kafka: Awaited<ReturnType<typeof createKafkaHarness>>;
  let h: ConfigHarness;
  let diagnostics: Rpc;
  let group: string;
  beforeAll(async () => {
    kafka = await createKafkaHarness([
      'diagnostics.report-completed.v1',
      'dm.command-requested.v1',
      'dm.command-completed.v1',
      'config.applied.v1',
      'config.failed.v1',
    ]);
    const natsUrl = process.env['DMS_NATS_URL'];
    if (!natsUrl) throw new OperationalError('TEST_NO_NATS', 'DMS_NATS_URL is not set; run the integration project');
    const subjectPrefix = uniqueName('cfg');
    // diagnostics stands behind NATS as in production; it has never asked this subscriber.
    diagnostics = await createNatsRpc({ servers: natsUrl, name: 'diagnostics-int', subjectPrefix });
    await diagnostics.serve({ subject: 'diagnostics.check-consent.v1', handler: async () => ({ state: 'not-asked' }) });
    group = uniqueName('config-group');
    h = await startConfig({
      bus: kafka.bus,
      rpc: await createNatsRpc({ servers: natsUrl, name: 'config-int', subjectPrefix }),
      store: createMongoStore({ url: infraEnv('DMS_MONGO_URL'), database: uniqueName('config') }),
      config: { consumerGroup: group },
    });
  });
  afterAll(async () => {
    await h?.close();
    await h?.rpc.close();
    await h?.store.close();
    await diagnostics?.close();
    await kafka?.close();
  });

  it('report in -> dm.command-requested out -> completed in -> config.applied out; redelivery does nothing twice; invalid event to the DLQ', async () => {
    const report: ReportCompleted = {
      reportId: uniqueName('rep'),
      deviceId: DEVICE,
      msisdn: '491701234567',
      trigger: 'combination-detected',
      outcome: 'complete',
      findings: [
        { kind: 'setting-missing', setting: 'mms' },
        { kind: 'setting-wrong', setting: 'internet-apn', nodeUri: './ConnMO/NAP/DmsInternet/Addr', observed: 'old.apn', expected: 'internet.operator.example' },
      ],
      device: { manufacturer: 'Acme', model: 'AcmePhone 1' },
      completedAt: new Date().toISOString(),
    };
    await kafka.peer.publish('diagnostics.report-completed.v1', report, { id: 'int-report-1' });
    await eventually(() => expect(h.seen.of('dm.command-requested.v1')).toHaveLength(1), 60_000);
    const request = h.seen.of('dm.command-requested.v1')[0]!;
    // Consent not asked (over NATS): the 1101 confirm alert; the wrong APN instance exists, so it is replaced.
    expect(request.userInteraction).toMatchObject({ code: 1101 });
    expect(request.commands.map((c) => c.verb)).toEqual(['Atomic', 'Atomic']);
    expect(new Set(request.commands[1]!.children!.map((c) => c.verb))).toEqual(new Set(['Replace']));

    const completed = { jobId: request.jobId, deviceId: DEVICE, correlationId: request.correlationId, outcome: 'completed' as const, results: [], userResponse: { status: 200, items: [] }, completedAt: new Date().toISOString() };
    await kafka.peer.publish('dm.command-completed.v1', completed, { id: `job:${request.jobId}:completed` });
    await eventually(() => expect(h.seen.of('config.applied.v1')).toHaveLength(1), 60_000);
    expect(h.seen.of('config.applied.v1')[0]).toMatchObject({ deviceId: DEVICE, jobId: request.jobId, settings: ['mms', 'internet-apn'] });

    // Redelivery: the same events again (same and new ids) and an invalid report.
    await kafka.peer.publish('diagnostics.report-completed.v1', report, { id: 'int-report-1' });
    await kafka.peer.publish('diagnostics.report-completed.v1', report, { id: 'int-report-1-again' });
    await kafka.peer.publish('dm.command-completed.v1', completed, { id: 'job-completed-again' });
    await kafka.publishRaw('diagnostics.report-completed.v1', { key: DEVICE, value: Buffer.from(JSON.stringify({ reportId: 'broken', deviceId: DEVICE, outcome: 'maybe' })) });
    const dead = await kafka.readDeadLetters(`${group}.reports`, 1, 60_000);
    expect(JSON.parse(dead[0]!.value!.toString())).toMatchObject({ reportId: 'broken' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(h.seen.of('dm.command-requested.v1')).toHaveLength(1);
    expect(h.seen.of('config.applied.v1')).toHaveLength(1);

    const state = await h.api('GET', `/api/v1/config/devices/${DEVICE}`);
    expect(state.body).toMatchObject({ state: 'applied', profileId: 'operator-default', lastJobId: request.jobId });
    expect((await h.rpc.request('config.device-state.v1', { deviceId: DEVICE })).state).toMatchObject({ state: 'applied' });
  });
});
