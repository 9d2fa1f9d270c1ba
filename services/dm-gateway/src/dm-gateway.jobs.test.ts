import { randomBytes, randomUUID } from 'node:crypto';
import type { DmCommand } from '@dms/contracts';
import { provisionHandset, startGateway, type GatewayHarness } from './test-support/gateway.harness';

jest.setTimeout(60_000);

const FUMO = './FUMO/FwPkg1';

async function queue(h: GatewayHarness, deviceId: string, body: Record<string, unknown>): Promise<string> {
  const res = await h.api('POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/jobs`, body);
  expect(res.status).toBe(201);
  return (res.body as { jobId: string }).jobId;
}

describe('dm-gateway jobs run in the next session, results come back as events', () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    // A small MaxMsgSize of our own makes the handset chunk a large Results back to us.
    h = await startGateway({ config: { maxMsgSize: 8192 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(['xml', 'wbxml'] as const)('runs Get, Replace, Atomic, a large object both ways and Exec in %s', async (encoding) => {
    const handset = await provisionHandset(h, { scheme: 'md5', encoding, handset: { maxMsgSize: 6000 } });
    const big = randomBytes(24_000).toString('base64');
    const commands: DmCommand[] = [
      { verb: 'Get', target: './DevDetail/FwV' },
      { verb: 'Replace', target: `${FUMO}/PkgName`, data: 'fw-2.0', format: 'chr' },
      { verb: 'Atomic', children: [{ verb: 'Replace', target: `${FUMO}/PkgVersion`, data: '2.0', format: 'chr' }, { verb: 'Replace', target: `${FUMO}/Download/PkgURL`, data: 'http://fw.example/2.0', format: 'chr' }] },
      { verb: 'Replace', target: `${FUMO}/Update/PkgData`, data: big, format: 'b64' },
      { verb: 'Get', target: `${FUMO}/Update/PkgData` },
      { verb: 'Exec', target: './DevDetail/Ext/Reboot' },
    ];
    const jobId = await queue(h, handset.deviceId, { commands, correlationId: `corr-${encoding}` });

    const report = await handset.startSession();

    expect(report.outcome).toBe('completed');
    const done = await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.correlationId).toBe(`corr-${encoding}`);
    const byRef = new Map(done.data.results.map((r) => [r.cmdRef, r]));
    expect(byRef.get('0')).toMatchObject({ verb: 'Get', status: 200, items: [{ source: './DevDetail/FwV', data: handset.tree.text('./DevDetail/FwV') }] });
    expect(byRef.get('1')?.status).toBe(200);
    expect(byRef.get('2')?.status).toBe(200);
    expect(byRef.get('2.0')?.status).toBe(200);
    expect(byRef.get('2.1')?.status).toBe(200);
    expect(byRef.get('3')?.status).toBe(200);
    expect(byRef.get('4')?.status).toBe(200);
    const roundTrip = byRef.get('4')?.items[0]?.data ?? '';
    expect(Buffer.from(roundTrip, 'base64').equals(Buffer.from(big, 'base64'))).toBe(true);
    expect(byRef.get('5')?.verb).toBe('Exec');
    expect(handset.tree.text(`${FUMO}/PkgName`)).toBe('fw-2.0');
    expect(handset.tree.text(`${FUMO}/Download/PkgURL`)).toBe('http://fw.example/2.0');
    const view = await h.api('GET', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs/${jobId}`);
    expect(view.body).toMatchObject({ state: done.data.outcome, results: expect.any(Array) });
  });

  it('answers 413 itself for an object larger than the handset MaxObjSize and sends the rest', async () => {
    const handset = await provisionHandset(h, { scheme: 'basic', encoding: 'xml', handset: { maxObjSize: 1000 } });
    const jobId = await queue(h, handset.deviceId, { commands: [{ verb: 'Replace', target: `${FUMO}/PkgName`, data: 'x'.repeat(2000) }, { verb: 'Get', target: './DevDetail/FwV' }] });

    await handset.startSession();

    const done = await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.data.outcome).toBe('partial');
    expect(done.data.results.map((r) => [r.cmdRef, r.status])).toEqual([['0', 413], ['1', 200]]);
    expect(handset.tree.text(`${FUMO}/PkgName`)).toBe('');
  });

  it('a refused confirmation alert ends the job as rejected without running its commands', async () => {
    const handset = await provisionHandset(h, { scheme: 'md5', encoding: 'wbxml', handset: { uiAnswers: { confirm: 'no' } } });
    const jobId = await queue(h, handset.deviceId, { userInteraction: { code: 1101, text: 'Update now?' }, commands: [{ verb: 'Replace', target: `${FUMO}/PkgName`, data: 'declined' }] });

    await handset.startSession();

    const done = await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.data.outcome).toBe('rejected');
    expect(handset.tree.text(`${FUMO}/PkgName`)).toBe('');
    expect(handset.interactions.map((i) => i.alert)).toEqual([1101]);
  });

  it('an accepted confirmation alert lets the commands run', async () => {
    const handset = await provisionHandset(h, { scheme: 'hmac', encoding: 'xml', handset: { uiAnswers: { confirm: 'yes' } } });
    const jobId = await queue(h, handset.deviceId, { userInteraction: { code: 1101, text: 'Update now?' }, commands: [{ verb: 'Replace', target: `${FUMO}/PkgName`, data: 'accepted' }] });

    await handset.startSession();

    const done = await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.data.outcome).toBe('completed');
    expect(handset.tree.text(`${FUMO}/PkgName`)).toBe('accepted');
  });

  it('an expired job is reported expired and never sent; jobs run by priority, each once', async () => {
    const handset = await provisionHandset(h, { scheme: 'basic', encoding: 'xml' });
    const expired = await queue(h, handset.deviceId, { commands: [{ verb: 'Replace', target: `${FUMO}/PkgName`, data: 'too-late' }], expiresAt: new Date(Date.now() - 1000).toISOString() });
    const low = await queue(h, handset.deviceId, { priority: 'low', commands: [{ verb: 'Replace', target: `${FUMO}/PkgVersion`, data: 'low' }] });
    const high = await queue(h, handset.deviceId, { priority: 'high', commands: [{ verb: 'Replace', target: `${FUMO}/PkgVersion`, data: 'high' }] });

    await handset.startSession();
    await handset.startSession();

    expect((await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === expired)).data.outcome).toBe('expired');
    expect(handset.tree.text(`${FUMO}/PkgName`)).toBe('');
    // Both ran in the first session, high first, so the low one wrote last.
    expect(handset.tree.text(`${FUMO}/PkgVersion`)).toBe('low');
    const completed = h.events.of('dm.command-completed.v1').filter((e) => e.data.deviceId === handset.deviceId).map((e) => e.data.jobId);
    expect(completed.filter((id) => id === high || id === low)).toEqual([high, low]);
    const sessions = await h.api('GET', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/sessions`);
    const log = (sessions.body as { sessions: { jobIds: string[] }[] }).sessions;
    expect(log).toHaveLength(2);
    expect(log.flatMap((s) => s.jobIds).sort()).toEqual([high, low].sort());
  });

  it('a dm.command-requested event queues a job once, even when delivered twice', async () => {
    const handset = await provisionHandset(h, { scheme: 'md5', encoding: 'xml' });
    const jobId = randomUUID();
    const request = { jobId, deviceId: handset.deviceId, commands: [{ verb: 'Get' as const, target: './DevDetail/FwV' }], correlationId: 'from-bus', requestedBy: 'diagnostics', requestedAt: new Date().toISOString(), priority: 'normal' as const, notify: false };
    await h.bus.publish('dm.command-requested.v1', request);
    await h.bus.publish('dm.command-requested.v1', request);
    await waitUntil(async () => (await h.api('GET', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs/${jobId}`)).status === 200);

    await handset.startSession();
    await handset.startSession();

    await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    const gets = handset.tree.text('./DevDetail/FwV');
    expect(gets).toBeDefined();
    expect(h.events.of('dm.command-completed.v1').filter((e) => e.data.jobId === jobId)).toHaveLength(1);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new TypeError('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
