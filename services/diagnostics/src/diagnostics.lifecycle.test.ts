import { createInProcessEventBus } from '@dms/bus';
import type { EventInput } from '@dms/contracts';
import { MAX_JOB_RETRIES } from './domain/job-completion.service';
import { detection, nextImei } from './test-support/detection.fixture';
import { eventually, forgetfulLog, startHarness, type Harness } from './test-support/diagnostics.harness';
import { omaStandardExpected } from './test-support/expected-settings.fixture';

const M = '491701110000';

function reportsOf(h: Harness, imei: string) {
  return h.events['diagnostics.report-completed.v1'].filter((e) => e.data.deviceId === `IMEI:${imei}`);
}
function jobsOf(h: Harness, imei: string) {
  return h.events['dm.command-requested.v1'].filter((e) => e.data.deviceId === `IMEI:${imei}`);
}
const settle = () => new Promise((r) => setTimeout(r, 150));

/** The gateway's answer to a job, as dm-gateway would publish it. */
function completed(jobId: string, deviceId: string, outcome: EventInput<'dm.command-completed.v1'>['outcome'], results: EventInput<'dm.command-completed.v1'>['results'] = []): EventInput<'dm.command-completed.v1'> {
  return { jobId, deviceId, correlationId: jobId.slice(0, jobId.lastIndexOf('.')), outcome, results, completedAt: '2026-11-28T10:00:00.000Z' };
}

describe('diagnostics without a gateway: idempotency, unreachable handsets, lookups that fail', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ terminals: new Map([['356938035643809', { currentMsisdn: M }]]) });
    await h.service.consent.decide({ msisdn: M, category: 'read-diagnostics', decision: 'grant', decidedBy: 'test' });
  });
  afterAll(async () => {
    await h.close();
  });

  it('a redelivered detection requests the same job id again and a redelivered job result makes no second report', async () => {
    const imei = nextImei();
    await h.bus.publish('terminal.combination-detected.v1', detection(M, imei), { id: 'dup-1' });
    await h.bus.publish('terminal.combination-detected.v1', detection(M, imei), { id: 'dup-1' });
    await eventually(() => expect(jobsOf(h, imei)).toHaveLength(2));
    const [first, second] = jobsOf(h, imei);
    expect(second!.data.jobId).toBe(first!.data.jobId);
    expect(second!.id).toBe(first!.id);

    const answer = completed(first!.data.jobId, `IMEI:${imei}`, 'completed', [{ cmdRef: '0', verb: 'Get', target: './DevInfo/Man', status: 200, items: [{ data: 'Nobody' }] }]);
    await h.bus.publish('dm.command-completed.v1', answer, { id: 'done-1' });
    await h.bus.publish('dm.command-completed.v1', answer, { id: 'done-1' });
    await h.bus.publish('dm.command-completed.v1', answer, { id: 'done-1-again' });
    await eventually(() => expect(reportsOf(h, imei)).toHaveLength(1));
    await settle();
    expect(reportsOf(h, imei)).toHaveLength(1);
    expect(reportsOf(h, imei)[0]!.id).toBe(`report:${first!.data.correlationId}`);
    // Config knew no template for "Nobody": no second job, nothing compared.
    expect(jobsOf(h, imei)).toHaveLength(2);
  });

  it('a report completed but not yet announced (crash before the publish was marked) is announced again under the same id', async () => {
    const imei = nextImei();
    await h.bus.publish('terminal.combination-detected.v1', detection(M, imei), { id: 'crash-1' });
    const [job] = await eventually(() => {
      expect(jobsOf(h, imei)).toHaveLength(1);
      return jobsOf(h, imei);
    });
    const answer = completed(job!.data.jobId, `IMEI:${imei}`, 'completed');
    await h.bus.publish('dm.command-completed.v1', answer);
    await eventually(() => expect(reportsOf(h, imei)).toHaveLength(1));
    await h.store.collection('diagnostic_reports').update(job!.data.correlationId, { $set: { published: false } });

    await h.bus.publish('dm.command-completed.v1', answer);
    await eventually(() => expect(reportsOf(h, imei)).toHaveLength(2));
    const [first, again] = reportsOf(h, imei);
    expect(again!.id).toBe(first!.id);
    expect(again!.data).toEqual(first!.data);
    await h.bus.publish('dm.command-completed.v1', answer);
    await settle();
    expect(reportsOf(h, imei)).toHaveLength(2);
  });

  it('a job that expired makes an unreachable report with the reason', async () => {
    const imei = nextImei();
    await h.bus.publish('terminal.combination-detected.v1', detection(M, imei), { id: 'expire-1' });
    const [job] = await eventually(() => {
      expect(jobsOf(h, imei)).toHaveLength(1);
      return jobsOf(h, imei);
    });
    await h.bus.publish('dm.command-completed.v1', completed(job!.data.jobId, `IMEI:${imei}`, 'expired'));
    const [report] = await eventually(() => {
      expect(reportsOf(h, imei)).toHaveLength(1);
      return reportsOf(h, imei);
    });
    expect(report!.data).toMatchObject({ outcome: 'unreachable', findings: [{ kind: 'device-unreachable', reason: expect.stringContaining('expired') }] });
    expect(report!.data.device).toBeUndefined();
    const metrics = await h.service.registry.getSingleMetricAsString('diagnostics_reports_completed_total');
    expect(metrics).toMatch(/diagnostics_reports_completed_total\{trigger="combination-detected",outcome="unreachable",service="diagnostics"\} 1/);
  });

  it('a job whose session broke off is sent again under a new id, and the answer to it completes the report', async () => {
    const imei = nextImei();
    await h.bus.publish('terminal.combination-detected.v1', detection(M, imei), { id: 'broken-1' });
    const [job] = await eventually(() => {
      expect(jobsOf(h, imei)).toHaveLength(1);
      return jobsOf(h, imei);
    });
    const reportId = job!.data.correlationId;
    for (let retry = 1; retry <= MAX_JOB_RETRIES; retry += 1) {
      const previous = jobsOf(h, imei).at(-1)!.data.jobId;
      await h.bus.publish('dm.command-completed.v1', { ...completed(previous, `IMEI:${imei}`, 'interrupted'), correlationId: reportId });
      await eventually(() => expect(jobsOf(h, imei)).toHaveLength(retry + 1));
      expect(jobsOf(h, imei).at(-1)!.data.jobId).toBe(`${job!.data.jobId}.r${retry}`);
      expect(reportsOf(h, imei)).toHaveLength(0);
    }
    // Out of retries: the next broken session ends the run as unreachable.
    const last = jobsOf(h, imei).at(-1)!.data.jobId;
    await h.bus.publish('dm.command-completed.v1', { ...completed(last, `IMEI:${imei}`, 'interrupted'), correlationId: reportId });
    const [report] = await eventually(() => {
      expect(reportsOf(h, imei)).toHaveLength(1);
      return reportsOf(h, imei);
    });
    expect(report!.data).toMatchObject({ outcome: 'unreachable', findings: [{ kind: 'device-unreachable', reason: expect.stringContaining('interrupted') }] });
    // A late answer to the first, abandoned job changes nothing.
    await h.bus.publish('dm.command-completed.v1', { ...completed(job!.data.jobId, `IMEI:${imei}`, 'completed'), correlationId: reportId });
    await settle();
    expect(reportsOf(h, imei)).toHaveLength(1);
  });

  it('a retried job answered in full completes the report normally', async () => {
    const imei = nextImei();
    await h.bus.publish('terminal.combination-detected.v1', detection(M, imei), { id: 'broken-2' });
    const [job] = await eventually(() => {
      expect(jobsOf(h, imei)).toHaveLength(1);
      return jobsOf(h, imei);
    });
    const reportId = job!.data.correlationId;
    await h.bus.publish('dm.command-completed.v1', { ...completed(job!.data.jobId, `IMEI:${imei}`, 'interrupted'), correlationId: reportId });
    await eventually(() => expect(jobsOf(h, imei)).toHaveLength(2));
    const retried = jobsOf(h, imei)[1]!.data.jobId;
    await h.bus.publish('dm.command-completed.v1', {
      ...completed(retried, `IMEI:${imei}`, 'completed', [{ cmdRef: '0', verb: 'Get', target: './DevInfo/Man', status: 200, items: [{ data: 'Nobody' }] }]),
      correlationId: reportId,
    });
    const [report] = await eventually(() => {
      expect(reportsOf(h, imei)).toHaveLength(1);
      return reportsOf(h, imei);
    });
    expect(report!.data.outcome).not.toBe('unreachable');
    expect(report!.data.device).toMatchObject({ manufacturer: 'Nobody' });
  });

  it('ignores job results of other services', async () => {
    await h.bus.publish('dm.command-completed.v1', completed('config-job.1', 'IMEI:356938035643809', 'completed'));
    await settle();
    expect(h.events['diagnostics.report-completed.v1'].filter((e) => e.data.deviceId === 'IMEI:356938035643809')).toEqual([]);
  });

  it('an IMEISV change re-reads DevInfo and DevDetail only', async () => {
    const imei = nextImei();
    await h.bus.publish('terminal.combination-detected.v1', detection(M, imei, 'imeisv-changed'), { id: 'sv-1' });
    const [job] = await eventually(() => {
      expect(jobsOf(h, imei)).toHaveLength(1);
      return jobsOf(h, imei);
    });
    expect(job!.data.commands.every((c) => c.target?.startsWith('./DevInfo/') || c.target?.startsWith('./DevDetail/'))).toBe(true);
    expect(job!.data.commands).toHaveLength(10);
  });

  it('a device alert becomes a device-alert report, announced once however often it is delivered', async () => {
    const alert = { deviceId: 'IMEI:356938035643809', code: 1226 as const, type: 'org.openmobilealliance.dm.firmwareupdate.update', data: '410', mark: 'critical' as const, raisedAt: '2026-11-28T10:00:00.000Z' };
    await h.bus.publish('device.alert-raised.v1', alert, { id: 'alert-1' });
    await h.bus.publish('device.alert-raised.v1', alert, { id: 'alert-1' });
    await eventually(() => expect(h.events['diagnostics.report-completed.v1'].filter((e) => e.data.trigger === 'device-alert')).toHaveLength(1));
    await settle();
    const reports = h.events['diagnostics.report-completed.v1'].filter((e) => e.data.trigger === 'device-alert');
    expect(reports).toHaveLength(1);
    expect(reports[0]!.data).toMatchObject({ msisdn: M, outcome: 'complete', findings: [{ kind: 'device-alert', alertType: alert.type, data: '410', severity: 'critical' }] });
  });
});

describe('diagnostics when config and subscriber-terminal do not answer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ expected: 'silent', terminals: 'silent', config: { notAskedPolicy: 'implied' } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('reads identity, completes as partial with what it has, and never blocks', async () => {
    const imei = nextImei();
    await h.bus.publish('terminal.combination-detected.v1', detection('491702220000', imei), { id: 'silent-1' });
    const [job] = await eventually(() => {
      expect(jobsOf(h, imei)).toHaveLength(1);
      return jobsOf(h, imei);
    });
    // implied policy: no question on the handset.
    expect(job!.data.userInteraction).toBeUndefined();
    expect(job!.data.jobId.endsWith('.identity')).toBe(true);
    await h.bus.publish('dm.command-completed.v1', completed(job!.data.jobId, `IMEI:${imei}`, 'partial', [
      { cmdRef: '0', verb: 'Get', target: './DevInfo/Man', status: 200, items: [{ data: 'Acme' }] },
      { cmdRef: '9', verb: 'Get', target: './DevDetail/OEM', status: 404, items: [] },
    ]));
    const [report] = await eventually(() => {
      expect(reportsOf(h, imei)).toHaveLength(1);
      return reportsOf(h, imei);
    });
    expect(report!.data).toMatchObject({ outcome: 'partial', device: { manufacturer: 'Acme' }, findings: [{ kind: 'node-unsupported', nodeUri: './DevDetail/OEM', status: 404 }] });
  });
});

describe('diagnostics with a catalog that names the family', () => {
  it('asks config with the catalog manufacturer, model and TAC and reads identity and settings in one job', async () => {
    const imei = '356938035643809';
    const h = await startHarness({
      terminals: new Map([[imei, { currentMsisdn: M, catalog: { tac: '35693803', manufacturer: 'Acme', model: 'AcmePhone 1', origin: 'imported', confidence: 1, conflicts: 0, updatedAt: '2026-11-01T00:00:00.000Z' } }]]),
    });
    try {
      await h.bus.publish('terminal.combination-detected.v1', detection(M, imei), { id: 'catalog-1' });
      const [job] = await eventually(() => {
        expect(jobsOf(h, imei)).toHaveLength(1);
        return jobsOf(h, imei);
      });
      expect(h.configQueries).toEqual([{ manufacturer: 'Acme', model: 'AcmePhone 1', tac: '35693803' }]);
      const targets = job!.data.commands.map((c) => c.target);
      expect(targets).toEqual(expect.arrayContaining(['./DevInfo/Man', './DevDetail/FwV', './ConnMO/NAP/Internet/Addr', './MMS', omaStandardExpected.softwareInventory]));
      expect(targets).not.toContain('./ConnMO/NAP/Internet/Auth/AuthSecret');
      // Consent never asked and policy ask (default): the one job carries the confirmation alert.
      expect(job!.data.userInteraction).toMatchObject({ code: 1101 });
      expect(job!.data).toMatchObject({ msisdn: M, requestedBy: 'diagnostics', correlationId: job!.data.jobId.replace(/\.full$/, '') });
    } finally {
      await h.close();
    }
  });
});

describe('diagnostics on invalid input', () => {
  it('sends an invalid detection and an invalid job result to the dead-letter topic and goes on', async () => {
    const bus = createInProcessEventBus({ source: '/test', processedLog: forgetfulLog });
    const h = await startHarness({ bus });
    try {
      await bus.publishRaw('terminal.combination-detected.v1', { key: M, value: JSON.stringify({ kind: 'new-combination', msisdn: M, imei: 'not-an-imei' }) });
      await bus.publishRaw('dm.command-completed.v1', { key: 'x', value: '{"jobId":' });
      const imei = nextImei();
      await h.bus.publish('terminal.combination-detected.v1', detection(M, imei), { id: 'after-bad' });
      await eventually(() => expect(jobsOf(h, imei)).toHaveLength(1));
      expect(bus.deadLetters('diagnostics.detections')).toHaveLength(1);
      expect(bus.deadLetters('diagnostics.job-results')).toHaveLength(1);
      expect(bus.deadLetters('diagnostics.detections')[0]!.headers['dlq_reason']).toMatch(/imei/);
    } finally {
      await h.close();
      await bus.close();
    }
  });
});
