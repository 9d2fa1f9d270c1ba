import type { ConsentState, ReportCompleted } from '@dms/contracts';
import { startConfig, eventually, type ConfigHarness } from './test-support/service.harness';
import { TreeGateway } from './test-support/tree-gateway.fixture';

let serial = 0;
const deviceId = (): string => `IMEI:35693803000${String(++serial).padStart(4, '0')}`;
const report = (device: string, over: Partial<ReportCompleted> = {}): ReportCompleted => ({
  reportId: `rep-${device}-${serial}`,
  deviceId: device,
  msisdn: '491701234567',
  trigger: 'combination-detected',
  outcome: 'complete',
  findings: [
    { kind: 'setting-missing', setting: 'mms' },
    { kind: 'setting-missing', setting: 'internet-apn' },
  ],
  device: { manufacturer: 'Acme', model: 'AcmePhone 1' },
  completedAt: new Date().toISOString(),
  ...over,
});

describe('automatic configuration on diagnostics.report-completed.v1', () => {
  let h: ConfigHarness;
  let gw: TreeGateway;
  let consent: ConsentState | 'no-answer' = 'granted';
  beforeAll(async () => {
    h = await startConfig();
    gw = await new TreeGateway(h.bus).start();
    await h.rpc.serve({
      subject: 'diagnostics.check-consent.v1',
      handler: async () => {
        if (consent === 'no-answer') await new Promise((r) => setTimeout(r, 1000));
        return { state: consent === 'no-answer' ? 'granted' : consent };
      },
    });
  });
  afterAll(async () => {
    await gw.close();
    await h.close();
  });
  beforeEach(() => {
    consent = 'granted';
    gw.hold = false;
  });
  const requestsFor = (d: string) => h.seen.of('dm.command-requested.v1').filter((r) => r.deviceId === d);
  const appliedFor = (d: string) => h.seen.of('config.applied.v1').filter((e) => e.deviceId === d);
  const failedFor = (d: string) => h.seen.of('config.failed.v1').filter((e) => e.deviceId === d);

  it('granted consent: a plain job writes MMS and Internet, config.applied follows, state applied', async () => {
    const d = deviceId();
    const tree = gw.handset(d, 'oma-standard');
    await h.bus.publish('diagnostics.report-completed.v1', report(d));
    await eventually(() => expect(appliedFor(d)).toHaveLength(1));
    const [request] = requestsFor(d);
    expect(request).toMatchObject({ requestedBy: 'config', notify: true, msisdn: '491701234567' });
    expect(request!.userInteraction).toBeUndefined();
    expect(tree.text('./MMS/DmsMMS/MMSC')).toBe('http://mmsc.operator.example/mms');
    expect(tree.text('./ConnMO/NAP/DmsInternet/Addr')).toBe('internet.operator.example');
    expect(appliedFor(d)[0]).toMatchObject({ profileId: 'operator-default', profileVersion: 1, settings: ['mms', 'internet-apn'], jobId: request!.jobId });
    expect((await h.api('GET', `/api/v1/config/devices/${d}`)).body).toMatchObject({ state: 'applied', settings: ['mms', 'internet-apn'], lastJobId: request!.jobId });
  });

  it('consent not asked (or diagnostics not answering): the job carries the 1101 confirm alert', async () => {
    consent = 'no-answer';
    const d = deviceId();
    const tree = gw.handset(d, 'vendor-x', { confirm: 'yes' });
    await h.bus.publish('diagnostics.report-completed.v1', report(d, { device: { manufacturer: 'Xphone', model: 'X-200' } }));
    await eventually(() => expect(appliedFor(d)).toHaveLength(1));
    expect(requestsFor(d)[0]!.userInteraction).toEqual({ code: 1101, text: 'Your operator will set up MMS and Internet on this phone. OK?', maxDisplaySeconds: 300 });
    expect(tree.text('./Vendor/X/Settings/MMS/ProxyPort')).toBe('8080');
    expect(tree.text('./Vendor/X/Settings/Internet/APN')).toBe('internet.operator.example');
  });

  it('the user says no: nothing changes on the handset and config.failed user-rejected', async () => {
    consent = 'not-asked';
    const d = deviceId();
    const tree = gw.handset(d, 'oma-standard', { confirm: 'no' });
    await h.bus.publish('diagnostics.report-completed.v1', report(d));
    await eventually(() => expect(failedFor(d)).toHaveLength(1));
    expect(failedFor(d)[0]).toMatchObject({ reason: 'user-rejected', status: 304, willRetry: false, attempts: 1 });
    expect(tree.childNames('./MMS')).toEqual([]);
    expect(appliedFor(d)).toEqual([]);
    expect((await h.api('GET', `/api/v1/config/devices/${d}`)).body).toMatchObject({ state: 'failed', reason: 'user-rejected' });
  });

  it('consent revoked: no job at all, config.failed consent-revoked without retry', async () => {
    consent = 'revoked';
    const d = deviceId();
    gw.handset(d, 'oma-standard');
    await h.bus.publish('diagnostics.report-completed.v1', report(d));
    await eventually(() => expect(failedFor(d)).toHaveLength(1));
    expect(failedFor(d)[0]).toMatchObject({ reason: 'consent-revoked', willRetry: false });
    await new Promise((r) => setTimeout(r, 100));
    expect(requestsFor(d)).toEqual([]);
  });

  it('a redelivered report or completion does nothing twice; an applied profile version is not pushed again', async () => {
    const d = deviceId();
    gw.handset(d, 'oma-standard');
    const r = report(d);
    await h.bus.publish('diagnostics.report-completed.v1', r, { id: 'ev-1' });
    await eventually(() => expect(appliedFor(d)).toHaveLength(1));
    await h.bus.publish('diagnostics.report-completed.v1', r, { id: 'ev-1-copy' });
    await h.bus.publish('diagnostics.report-completed.v1', { ...r, reportId: `${r.reportId}-later` });
    const request = requestsFor(d)[0]!;
    await gw.answer(request, 'completed', { results: [] });
    await new Promise((res) => setTimeout(res, 200));
    expect(requestsFor(d)).toHaveLength(1);
    expect(appliedFor(d)).toHaveLength(1);
  });

  it('a device error gives config.failed device-rejected with the first failing status', async () => {
    const d = deviceId();
    const tree = gw.handset(d, 'oma-standard');
    tree.set('./MMS/DmsMMS/Name', { value: 'someone else' }); // the Add of the instance answers 418
    await h.bus.publish('diagnostics.report-completed.v1', report(d, { findings: [{ kind: 'setting-missing', setting: 'mms' }] }));
    await eventually(() => expect(failedFor(d)).toHaveLength(1));
    expect(failedFor(d)[0]).toMatchObject({ reason: 'device-rejected', status: 507, willRetry: false });
  });

  it('an expired job is retried with backoff up to the attempt limit, then config.failed expired', async () => {
    gw.hold = true;
    const d = deviceId();
    gw.handset(d, 'oma-standard');
    await h.bus.publish('diagnostics.report-completed.v1', report(d));
    await eventually(() => expect(requestsFor(d)).toHaveLength(1));
    await gw.answer(requestsFor(d)[0]!, 'expired');
    await eventually(() => expect(failedFor(d)).toHaveLength(1));
    expect(failedFor(d)[0]).toMatchObject({ reason: 'expired', willRetry: true, attempts: 1 });
    expect(await h.service.retryDue(Date.now())).toBe(0); // backoff 1 s not passed
    expect(await h.service.retryDue(Date.now() + 1500)).toBe(1);
    await eventually(() => expect(requestsFor(d)).toHaveLength(2));
    expect(requestsFor(d)[1]!.jobId).toBe(`${requestsFor(d)[0]!.jobId}-a2`);
    await gw.answer(requestsFor(d)[1]!, 'interrupted');
    await eventually(() => expect(failedFor(d)).toHaveLength(2));
    expect(failedFor(d)[1]).toMatchObject({ reason: 'unreachable', willRetry: true, attempts: 2 });
    expect(await h.service.retryDue(Date.now() + 2500)).toBe(1);
    await eventually(() => expect(requestsFor(d)).toHaveLength(3));
    await gw.answer(requestsFor(d)[2]!, 'expired');
    await eventually(() => expect(failedFor(d)).toHaveLength(3));
    expect(failedFor(d)[2]).toMatchObject({ reason: 'expired', willRetry: false, attempts: 3 });
    expect(await h.service.retryDue(Date.now() + 3_600_000)).toBe(0);
    expect((await h.api('GET', `/api/v1/config/devices/${d}`)).body).toMatchObject({ state: 'failed', reason: 'expired' });
  });

  it('e-mail: a 1102 alert asks for the address, then the account from the provider table is pushed', async () => {
    const d = deviceId();
    const tree = gw.handset(d, 'oma-standard', { textInput: 'ann@gmail.com' });
    await h.bus.publish('diagnostics.report-completed.v1', report(d, { findings: [{ kind: 'setting-missing', setting: 'email' }] }));
    await eventually(() => expect(appliedFor(d)).toHaveLength(1));
    const [ask, push] = requestsFor(d);
    expect(ask!.userInteraction).toMatchObject({ code: 1102, text: 'Your e-mail address?' });
    expect(push!.userInteraction).toBeUndefined();
    expect(appliedFor(d)[0]).toMatchObject({ settings: ['email'], jobId: push!.jobId });
    expect(tree.text('./Email/DmsMail/Addr')).toBe('ann@gmail.com');
    expect(tree.text('./Email/DmsMail/InServer')).toBe('imap.gmail.com');
  });

  it('e-mail: an empty answer is user-rejected; vendor-x has no e-mail, so not-supported', async () => {
    const d = deviceId();
    gw.handset(d, 'oma-standard', { textInput: '' });
    await h.bus.publish('diagnostics.report-completed.v1', report(d, { findings: [{ kind: 'setting-missing', setting: 'email' }] }));
    await eventually(() => expect(failedFor(d)).toHaveLength(1));
    expect(failedFor(d)[0]).toMatchObject({ reason: 'user-rejected' });
    const x = deviceId();
    gw.handset(x, 'vendor-x');
    await h.bus.publish('diagnostics.report-completed.v1', report(x, { device: { manufacturer: 'Xphone' }, findings: [{ kind: 'setting-missing', setting: 'email' }] }));
    await eventually(() => expect(failedFor(x)).toHaveLength(1));
    expect(failedFor(x)[0]).toMatchObject({ reason: 'not-supported' });
    expect(requestsFor(x)).toEqual([]);
  });

  it('reports without settings findings, unreachable ones and unknown handsets push nothing', async () => {
    const d = deviceId();
    await h.bus.publish('diagnostics.report-completed.v1', report(d, { outcome: 'unreachable', findings: [{ kind: 'device-unreachable', reason: 'expired' }] }));
    await h.bus.publish('diagnostics.report-completed.v1', report(d, { findings: [{ kind: 'health', metric: 'battery', level: 'low' }] }));
    const u = deviceId();
    await h.bus.publish('diagnostics.report-completed.v1', report(u, { device: { manufacturer: 'Nokia', model: '3310' } }));
    await eventually(async () => expect((await h.api('GET', `/api/v1/config/devices/${u}`)).body).toMatchObject({ state: 'skipped', reason: 'no-template' }));
    expect(requestsFor(d)).toEqual([]);
    expect(requestsFor(u)).toEqual([]);
  });
});
