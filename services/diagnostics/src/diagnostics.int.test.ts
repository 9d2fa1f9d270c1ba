import { createNatsRpc } from '@dms/bus/src/rpc';
import { createKafkaHarness } from '@dms/bus/src/kafka/kafka-test.harness';
import type { EventData, EventInput } from '@dms/contracts';
import { OperationalError } from '@dms/service-kit';
import { createMongoStore } from '@dms/store/src/mongo/mongo.store';
import { infraEnv, uniqueName } from '@dms/store/src/test-support/infra-env';
import { detection, nextImei } from './test-support/detection.fixture';
import { eventually, startHarness, type Harness } from './test-support/diagnostics.harness';
import { vendorXExpected } from './test-support/expected-settings.fixture';

jest.setTimeout(120_000);

const M = '491705550000';
const IMEI = nextImei();
const catalog = { tac: IMEI.slice(0, 8), manufacturer: 'Xphone', model: 'X-200', origin: 'imported' as const, confidence: 1, conflicts: 0, extra: { currentFwV: 'X200_FW_2.2' }, updatedAt: '2026-11-01T00:00:00.000Z' };

/** What the gateway answers for a vendor-x handset with empty slots (dm-gateway is played by the test's Kafka peer). */
function emptySlots(job: EventData<'dm.command-requested.v1'>): EventInput<'dm.command-completed.v1'> {
  const value = (target: string) => {
    if (target === './DevInfo/Man') return 'Xphone';
    if (target === './DevInfo/Mod') return 'X-200';
    if (target === './DevDetail/FwV') return 'X200_FW_2.1';
    if (target.endsWith('ProxyPort')) return '0';
    return '';
  };
  return {
    jobId: job.jobId,
    deviceId: job.deviceId,
    correlationId: job.correlationId,
    outcome: 'completed',
    results: job.commands.map((c, i) => ({ cmdRef: String(i), verb: c.verb, target: c.target!, status: 200, items: [{ source: c.target!, data: value(c.target!), format: c.target!.endsWith('ProxyPort') ? 'int' : 'chr' }] })),
    completedAt: new Date().toISOString(),
  };
}

describe('diagnostics on Kafka, FerretDB and NATS', () => {
  let kafka: Awaited<ReturnType<typeof createKafkaHarness>>;
  let h: Harness;
  const group = uniqueName('diag-group');
  beforeAll(async () => {
    kafka = await createKafkaHarness(['terminal.combination-detected.v1', 'dm.command-requested.v1', 'dm.command-completed.v1', 'device.alert-raised.v1', 'diagnostics.report-completed.v1']);
    const natsUrl = process.env['DMS_NATS_URL'];
    if (!natsUrl) throw new OperationalError('TEST_NO_NATS', 'DMS_NATS_URL is not set; run the integration project');
    h = await startHarness({
      bus: kafka.bus,
      rpc: await createNatsRpc({ servers: natsUrl, name: 'diagnostics-int', subjectPrefix: uniqueName('diag') }),
      store: createMongoStore({ url: infraEnv('DMS_MONGO_URL'), database: uniqueName('diag') }),
      terminals: new Map([[IMEI, { currentMsisdn: M, catalog }]]),
      config: { consumerGroup: group, rpcTimeoutMs: 2000 },
    });
  });
  afterAll(async () => {
    await h?.close();
    await h?.rpc.close();
    await h?.store.close();
    await kafka?.close();
  });

  it('combination detected in, job out; job result in, one report out, however often it is delivered', async () => {
    await h.rpc.request('diagnostics.set-consent.v1', { msisdn: M, category: 'read-diagnostics', decision: 'grant', decidedBy: 'int-test' });
    await kafka.peer.publish('terminal.combination-detected.v1', detection(M, IMEI), { id: 'int-cd-1' });

    const job = await eventually(() => {
      const found = h.events['dm.command-requested.v1'].find((e) => e.data.deviceId === `IMEI:${IMEI}`);
      if (!found) throw new TypeError('no job yet');
      return found;
    }, 60_000);
    expect(job.data).toMatchObject({ requestedBy: 'diagnostics', msisdn: M, notify: false, correlationId: job.correlationId });
    expect(job.data.commands.map((c) => c.target)).toEqual(expect.arrayContaining(vendorXExpected.expected.filter((e) => !e.nodeUri.endsWith('Password')).map((e) => e.nodeUri)));

    const answer = emptySlots(job.data);
    await kafka.peer.publish('dm.command-completed.v1', answer, { id: 'int-done-1' });
    await kafka.peer.publish('dm.command-completed.v1', answer, { id: 'int-done-1-redelivered' });
    const report = await eventually(() => {
      const found = h.events['diagnostics.report-completed.v1'].find((e) => e.data.deviceId === `IMEI:${IMEI}`);
      if (!found) throw new TypeError('no report yet');
      return found;
    }, 60_000);
    expect(report.data).toMatchObject({ outcome: 'complete', msisdn: M, trigger: 'combination-detected', device: { family: 'vendor-x', fwV: 'X200_FW_2.1' } });
    expect(report.data.findings).toEqual(
      expect.arrayContaining([
        { kind: 'setting-missing', setting: 'internet-apn' },
        { kind: 'setting-missing', setting: 'mms' },
        { kind: 'firmware-outdated', current: 'X200_FW_2.1', latest: 'X200_FW_2.2' },
      ]),
    );
    await new Promise((r) => setTimeout(r, 2000));
    expect(h.events['diagnostics.report-completed.v1'].filter((e) => e.data.deviceId === `IMEI:${IMEI}`)).toHaveLength(1);
    const stored = await h.rpc.request('diagnostics.list-reports.v1', { msisdn: M, limit: 5 });
    expect(stored.reports.map((r) => [r.reportId, r.status])).toEqual([[report.data.reportId, 'completed']]);
  });

  it('sends an invalid detection to the dead-letter topic with the reason', async () => {
    await kafka.publishRaw('terminal.combination-detected.v1', { key: M, value: JSON.stringify({ kind: 'new-combination', msisdn: M, imei: '123' }) });
    const [dead] = await kafka.readDeadLetters(`${group}.detections`, 1, 60_000);
    expect(dead!.headers['dlq_reason']).toMatch(/imei/);
    expect(dead!.headers['dlq_topic']).toContain('terminal.combination-detected.v1');
  });
});
