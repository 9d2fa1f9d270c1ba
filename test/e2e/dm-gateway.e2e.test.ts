/**
 * dm-gateway on real Kafka, FerretDB and Redis (deploy/local/infra.sh): simulated handsets
 * complete sessions in XML and WBXML with each auth scheme, a job requested as a Kafka
 * event runs and its results come back as Kafka events, and two gateway instances sharing
 * Redis and FerretDB serve alternate messages of one session. Each run has its own topic
 * prefix, database and Redis key prefix.
 */
import type { EventBus } from '../../libs/bus/src/index';
import type { EventLog, GatewayHarness } from '../../services/dm-gateway/src/test-support/gateway.harness';
import { provisionHandset } from '../../services/dm-gateway/src/test-support/gateway.harness';
import { attachEventLog, newDistributedRun, startDistributedGateway, type DistributedRun } from '../../services/dm-gateway/src/test-support/distributed.harness';

jest.setTimeout(180_000);

describe('dm-gateway on Kafka, FerretDB and Redis', () => {
  let run: DistributedRun;
  let a: GatewayHarness & { closeAll(): Promise<void> };
  let b: GatewayHarness & { closeAll(): Promise<void> };
  let observer: { log: EventLog; bus: EventBus };

  beforeAll(async () => {
    run = await newDistributedRun('e2e-dmgw');
    a = await startDistributedGateway(run, 'a');
    b = await startDistributedGateway(run, 'b');
    observer = await attachEventLog(run);
  });
  afterAll(async () => {
    await a?.closeAll();
    await b?.closeAll();
    await observer?.bus.close();
  });

  const cases = (['basic', 'md5', 'hmac'] as const).flatMap((scheme) => (['xml', 'wbxml'] as const).map((encoding) => ({ scheme, encoding })));

  it.each(cases)('a $scheme handset completes sessions in $encoding and the session is reported on Kafka', async ({ scheme, encoding }) => {
    const handset = await provisionHandset(a, { scheme, encoding });

    const reports = [await handset.startSession(), await handset.startSession()];

    expect(reports.map((r) => r.outcome)).toEqual(['completed', 'completed']);
    const event = await observer.log.waitFor('device.session-completed.v1', (e) => e.data.deviceId === handset.deviceId && e.data.sessionId === reports[1]?.sessionId, 60_000);
    expect(event.data).toMatchObject({ outcome: 'completed', encoding });
    await observer.log.waitFor('device.inventory-reported.v1', (e) => e.data.deviceId === handset.deviceId, 60_000);
  });

  it('a job requested on Kafka runs in the next session and its results come back on Kafka', async () => {
    const handset = await provisionHandset(a, { scheme: 'md5', encoding: 'wbxml' });
    const jobId = `job-${Date.now()}`;
    await observer.bus.publish('dm.command-requested.v1', {
      jobId,
      deviceId: handset.deviceId,
      commands: [{ verb: 'Get', target: './DevDetail/FwV' }, { verb: 'Replace', target: './FUMO/FwPkg1/PkgName', data: 'via-kafka', format: 'chr' }],
      correlationId: `corr-${jobId}`,
      requestedBy: 'e2e',
      requestedAt: new Date().toISOString(),
      priority: 'normal',
      notify: false,
    });
    await waitFor(async () => (await a.api('GET', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs/${jobId}`)).status === 200, 60_000);

    expect((await handset.startSession()).outcome).toBe('completed');

    const done = await observer.log.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId, 60_000);
    expect(done.correlationId).toBe(`corr-${jobId}`);
    expect(done.data.outcome).toBe('completed');
    expect(done.data.results.map((r) => [r.cmdRef, r.status])).toEqual([['0', 200], ['1', 200]]);
    expect(done.data.results[0]?.items[0]?.data).toBe(handset.tree.text('./DevDetail/FwV'));
    expect(handset.tree.text('./FUMO/FwPkg1/PkgName')).toBe('via-kafka');
  });

  it('two instances sharing Redis and FerretDB serve alternate messages of one session', async () => {
    const served = { a: 0, b: 0 };
    let turn = 0;
    // The handset's transport sends every other message to the other instance (a load balancer without affinity).
    const alternating: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      const target = turn++ % 2 === 0 ? a : b;
      served[target === a ? 'a' : 'b'] += 1;
      const next = new URL(target.http.url);
      url.host = next.host;
      return fetch(url, init);
    };
    const handset = await provisionHandset(a, { scheme: 'hmac', encoding: 'xml', handset: { fetch: alternating, maxMsgSize: 3000 } });
    const commands = Array.from({ length: 30 }, (_, i) => ({ verb: 'Get' as const, target: i % 2 === 0 ? './DevDetail/FwV' : './DevInfo/Mod' }));
    const queued = await a.api('POST', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs`, { commands });
    const jobId = (queued.body as { jobId: string }).jobId;

    const report = await handset.startSession();

    expect(report.outcome).toBe('completed');
    expect(report.messagesSent).toBeGreaterThanOrEqual(4);
    expect(served.a).toBeGreaterThanOrEqual(2);
    expect(served.b).toBeGreaterThanOrEqual(2);
    const done = await observer.log.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId, 60_000);
    expect(done.data.outcome).toBe('completed');
    expect(done.data.results).toHaveLength(30);
    const viaB = await b.api('GET', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/sessions`);
    expect((viaB.body as { sessions: unknown[] }).sessions).toHaveLength(1);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new TypeError(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
