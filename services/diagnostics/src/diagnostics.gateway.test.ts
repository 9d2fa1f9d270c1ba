import type { SimulatedHandset } from '@dms/device-sim';
import type { Finding } from '@dms/contracts';
import { detection, nextImei } from './test-support/detection.fixture';
import { startHarness, eventually, type Harness } from './test-support/diagnostics.harness';
import { startGatewayFixture, type GatewayFixture } from './test-support/dm-gateway.fixture';
import { omaStandardInstancesExpected, vendorXInstancesExpected } from './test-support/expected-settings.fixture';

jest.setTimeout(60_000);

let msisdnSerial = 491700000100;
const nextMsisdn = (): string => String(msisdnSerial++);
const settingKinds = (findings: Finding[]) =>
  findings.filter((f) => f.kind === 'setting-missing' || f.kind === 'setting-wrong').map((f) => `${f.kind}:${'setting' in f ? f.setting : ''}`).sort();

/** Plays the handset: one session per job the gateway has queued for it, until the report is out. */
async function diagnose(h: Harness, gw: GatewayFixture, handset: SimulatedHandset, eventId: string) {
  const ran = new Set<string>();
  for (let session = 0; session < 4; session++) {
    const next = await eventually(async () => {
      const report = h.events['diagnostics.report-completed.v1'].find((e) => e.data.deviceId === handset.deviceId && e.data.trigger === 'combination-detected');
      if (report) return { report };
      const job = h.events['dm.command-requested.v1'].find((e) => e.data.deviceId === handset.deviceId && !ran.has(e.data.jobId));
      if (job && (await gw.hasJob(handset.deviceId, job.data.jobId))) return { job };
      throw new TypeError(`no job nor report yet for ${eventId}`);
    });
    if ('report' in next && next.report) return next.report;
    ran.add(next.job!.data.jobId);
    const outcome = await handset.startSession({ reason: 'server' });
    expect(outcome.outcome).toBe('completed');
  }
  throw new TypeError('no report after four sessions');
}

describe('diagnostics runs its jobs through a real dm-gateway on simulated handsets', () => {
  let h: Harness;
  let gw: GatewayFixture;
  const terminals = new Map();
  beforeAll(async () => {
    h = await startHarness({ terminals });
    gw = await startGatewayFixture(h.bus);
  });
  afterAll(async () => {
    await gw.close();
    await h.close();
  });

  async function subscriberWith(decision: 'grant' | 'revoke' | undefined) {
    const msisdn = nextMsisdn();
    if (decision) await h.service.consent.decide({ msisdn, category: 'read-diagnostics', decision, decidedBy: 'test' });
    return msisdn;
  }

  it('oma-standard with empty settings, family unknown up front: reads identity, asks config with Man/Mod, reports mms and internet-apn missing', async () => {
    const msisdn = await subscriberWith('grant');
    const imei = nextImei();
    const handset = await gw.handset(`IMEI:${imei}`, { family: 'oma-standard', settings: 'none' });
    await h.bus.publish('terminal.combination-detected.v1', detection(msisdn, imei), { id: 'oma-none' });

    const report = await diagnose(h, gw, handset, 'oma-none');

    expect(report.data).toMatchObject({ outcome: 'complete', msisdn, imei, deviceId: handset.deviceId, device: { manufacturer: 'Acme', model: 'AcmePhone 1', family: 'oma-standard', fwV: '1.0.0' } });
    expect(settingKinds(report.data.findings)).toEqual(['setting-missing:internet-apn', 'setting-missing:mms']);
    const jobs = h.events['dm.command-requested.v1'].filter((e) => e.data.deviceId === handset.deviceId);
    expect(jobs.map((j) => j.data.jobId.split('.').pop())).toEqual(['identity', 'settings']);
    expect(jobs.every((j) => j.data.requestedBy === 'diagnostics' && j.data.msisdn === msisdn && j.data.userInteraction === undefined)).toBe(true);
    expect(JSON.stringify(jobs)).not.toContain('AuthSecret');
    expect(h.configQueries).toContainEqual(expect.objectContaining({ manufacturer: 'Acme', model: 'AcmePhone 1' }));
  });

  it('vendor-x with empty slots, family known from the catalog: one job, settings missing and firmware outdated', async () => {
    const msisdn = await subscriberWith('grant');
    const imei = nextImei();
    terminals.set(imei, { currentMsisdn: msisdn, catalog: { tac: imei.slice(0, 8), manufacturer: 'Xphone', model: 'X-200', origin: 'imported', confidence: 1, conflicts: 0, extra: { currentFwV: 'X200_FW_2.10' }, updatedAt: '2026-11-01T00:00:00.000Z' } });
    const handset = await gw.handset(`IMEI:${imei}`, { family: 'vendor-x', settings: 'none' });
    await h.bus.publish('terminal.combination-detected.v1', detection(msisdn, imei), { id: 'x-none' });

    const report = await diagnose(h, gw, handset, 'x-none');

    expect(settingKinds(report.data.findings)).toEqual(['setting-missing:internet-apn', 'setting-missing:mms']);
    expect(report.data.findings).toContainEqual({ kind: 'firmware-outdated', current: 'X200_FW_2.1', latest: 'X200_FW_2.10' });
    expect(report.data.device?.family).toBe('vendor-x');
    const jobs = h.events['dm.command-requested.v1'].filter((e) => e.data.deviceId === handset.deviceId);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data.jobId.endsWith('.full')).toBe(true);
    expect(jobs[0]!.data.commands.map((c) => c.target)).not.toContain('./Vendor/X/Settings/Internet/Password');
  });

  it.each(['oma-standard', 'vendor-x'] as const)('%s with factory settings: no setting finding', async (family) => {
    const msisdn = await subscriberWith('grant');
    const imei = nextImei();
    const handset = await gw.handset(`IMEI:${imei}`, { family, settings: 'factory' });
    await h.bus.publish('terminal.combination-detected.v1', detection(msisdn, imei), { id: `factory-${family}` });

    const report = await diagnose(h, gw, handset, `factory-${family}`);

    expect(report.data.outcome).toBe('complete');
    expect(settingKinds(report.data.findings)).toEqual([]);
  });

  it('a handset subscriber-terminal had not stored when the run started is still checked against the catalog\'s firmware at the end', async () => {
    const msisdn = await subscriberWith('grant');
    const imei = nextImei();
    const handset = await gw.handset(`IMEI:${imei}`, { family: 'vendor-x', settings: 'none' });
    await h.bus.publish('terminal.combination-detected.v1', detection(msisdn, imei), { id: 'x-late-catalog' });
    // subscriber-terminal stores the handset (with its catalog entry) after diagnostics asked.
    await eventually(() => expect(h.events['dm.command-requested.v1'].some((e) => e.data.deviceId === handset.deviceId)).toBe(true));
    terminals.set(imei, { currentMsisdn: msisdn, catalog: { tac: imei.slice(0, 8), manufacturer: 'Xphone', model: 'X-200', origin: 'imported', confidence: 1, conflicts: 0, extra: { currentFwV: 'X200_FW_2.10' }, updatedAt: '2026-11-01T00:00:00.000Z' } });

    const report = await diagnose(h, gw, handset, 'x-late-catalog');

    expect(report.data.findings).toContainEqual({ kind: 'firmware-outdated', current: 'X200_FW_2.1', latest: 'X200_FW_2.10' });
  });

  it('consent never asked: the job asks first (1101); the user says no, the report is declined and the answer audited once', async () => {
    const msisdn = await subscriberWith(undefined);
    const imei = nextImei();
    const handset = await gw.handset(`IMEI:${imei}`, { family: 'oma-standard', settings: 'none', uiAnswers: { confirm: 'no' } });
    await h.bus.publish('terminal.combination-detected.v1', detection(msisdn, imei), { id: 'asked-no' });

    const report = await diagnose(h, gw, handset, 'asked-no');

    expect(report.data).toMatchObject({ outcome: 'declined', findings: [] });
    expect(handset.interactions.map((i) => i.alert)).toEqual([1101]);
    const job = h.events['dm.command-requested.v1'].find((e) => e.data.deviceId === handset.deviceId);
    expect(job?.data.userInteraction).toMatchObject({ code: 1101 });
    const audit = await h.service.consent.history(msisdn);
    expect(audit.map((a) => [a.action, a.decidedBy])).toEqual([['one-off-decline', 'handset']]);
    expect((await h.service.consent.check(msisdn, 'read-diagnostics')).state).toBe('not-asked');
  });

  it('consent never asked, the user says yes: the run goes on and no permanent grant is made', async () => {
    const msisdn = await subscriberWith(undefined);
    const imei = nextImei();
    const handset = await gw.handset(`IMEI:${imei}`, { family: 'oma-standard', settings: 'none', uiAnswers: { confirm: 'yes' } });
    await h.bus.publish('terminal.combination-detected.v1', detection(msisdn, imei), { id: 'asked-yes' });

    const report = await diagnose(h, gw, handset, 'asked-yes');

    expect(report.data.outcome).toBe('complete');
    expect(settingKinds(report.data.findings)).toEqual(['setting-missing:internet-apn', 'setting-missing:mms']);
    // Asked once, on the first of the two jobs only.
    expect(handset.interactions.map((i) => i.alert)).toEqual([1101]);
    expect((await h.service.consent.history(msisdn)).map((a) => a.action)).toEqual(['one-off-accept']);
    expect((await h.service.consent.check(msisdn, 'read-diagnostics')).state).toBe('not-asked');
  });

  it('consent revoked: no job is sent and the report is declined', async () => {
    const msisdn = await subscriberWith('revoke');
    const imei = nextImei();
    await h.bus.publish('terminal.combination-detected.v1', detection(msisdn, imei), { id: 'revoked' });

    const report = await eventually(() => {
      const found = h.events['diagnostics.report-completed.v1'].find((e) => e.data.imei === imei);
      if (!found) throw new TypeError('no report yet');
      return found;
    });

    expect(report.data).toMatchObject({ outcome: 'declined', findings: [] });
    await new Promise((r) => setTimeout(r, 100));
    expect(h.events['dm.command-requested.v1'].filter((e) => e.data.deviceId === `IMEI:${imei}`)).toEqual([]);
  });
});

describe('the handset\'s own setting instances (config lists its template instances)', () => {
  let h: Harness;
  let gw: GatewayFixture;
  beforeAll(async () => {
    const expected = (q: { manufacturer?: string }) => (q.manufacturer === 'Acme' ? omaStandardInstancesExpected : q.manufacturer === 'Xphone' ? vendorXInstancesExpected : null);
    h = await startHarness({ terminals: new Map(), expected });
    gw = await startGatewayFixture(h.bus);
  });
  afterAll(async () => {
    await gw.close();
    await h.close();
  });
  const settingFindings = (findings: Finding[]) => findings.filter((f) => f.kind === 'setting-missing' || f.kind === 'setting-wrong');
  const phases = (deviceId: string) => h.events['dm.command-requested.v1'].filter((e) => e.data.deviceId === deviceId).map((j) => j.data.jobId.split('.').pop());
  /** A subscriber who granted reading, on a new handset; `prepare` changes its tree before the detection. */
  async function run(eventId: string, family: 'oma-standard' | 'vendor-x', settings: 'none' | 'factory', prepare?: (handset: SimulatedHandset) => void) {
    const msisdn = nextMsisdn();
    await h.service.consent.decide({ msisdn, category: 'read-diagnostics', decision: 'grant', decidedBy: 'test' });
    const imei = nextImei();
    const handset = await gw.handset(`IMEI:${imei}`, { family, settings });
    prepare?.(handset);
    await h.bus.publish('terminal.combination-detected.v1', detection(msisdn, imei), { id: eventId });
    return { handset, report: await diagnose(h, gw, handset, eventId) };
  }

  it('oma-standard with factory settings: its own NAP, proxy, MMS and bookmark instances are found by content and compared where they are', async () => {
    const { handset, report } = await run('oma-factory', 'oma-standard', 'factory');

    expect(report.data.outcome).toBe('complete');
    // Factory: ./ConnMO/NAP/Internet (APN matches, no AuthName), ./MMS/Operator -> ./ConnMO/NAP/MMS (named
    // "Operator MMS") and ./ConnMO/Proxy/MMSProxy, ./Browser/Bookmarks/Operator; the home page without its
    // trailing slash is the same URL. Not there: the second bookmark, Added beside the first.
    expect(settingFindings(report.data.findings)).toEqual(
      expect.arrayContaining([
        { kind: 'setting-wrong', setting: 'internet-apn', nodeUri: './ConnMO/NAP/Internet/Auth/AuthName', observed: '', expected: 'web' },
        { kind: 'setting-wrong', setting: 'mms', nodeUri: './ConnMO/NAP/MMS/Name', observed: 'Operator MMS', expected: 'Operator MMS APN' },
        { kind: 'setting-missing', setting: 'bookmarks', instances: [{ template: './Browser/Bookmarks/DmsBm2', at: './Browser/Bookmarks/DmsBm2' }] },
      ]),
    );
    expect(settingFindings(report.data.findings)).toHaveLength(3);
    expect(report.data.findings.filter((f) => f.kind === 'node-unsupported')).toEqual([]);
    // identity, then the settings with the collections listed, then the leaves of the instances they hold.
    expect(phases(handset.deviceId)).toEqual(['identity', 'settings', 'instances']);
    expect(JSON.stringify(h.events['dm.command-requested.v1'])).not.toContain('AuthSecret');
  });

  it('oma-standard with empty settings: the collections are empty, so no third job and every setting is missing', async () => {
    const { handset, report } = await run('oma-empty', 'oma-standard', 'none');

    expect(settingFindings(report.data.findings)).toEqual([
      { kind: 'setting-missing', setting: 'mms' },
      { kind: 'setting-missing', setting: 'internet-apn' },
      { kind: 'setting-missing', setting: 'wap' },
      { kind: 'setting-missing', setting: 'bookmarks' },
    ]);
    expect(phases(handset.deviceId)).toEqual(['identity', 'settings']);
  });

  it('vendor-x: the factory bookmark in slot 1 is the operator portal; the missing one goes to a free slot, not over the user\'s own', async () => {
    const { handset, report } = await run('x-factory', 'vendor-x', 'factory', (x) => {
      x.tree.set('./Vendor/X/Browser/Bookmark/2/Title', { value: 'My bank' });
      x.tree.set('./Vendor/X/Browser/Bookmark/2/Url', { value: 'https://bank.example/' });
    });

    expect(settingFindings(report.data.findings)).toEqual([
      { kind: 'setting-missing', setting: 'bookmarks', instances: [{ template: './Vendor/X/Browser/Bookmark/2', at: './Vendor/X/Browser/Bookmark/3' }] },
    ]);
    // Slots 1 and 2 are where the template's own instances are: read with the settings, no third job.
    expect(phases(handset.deviceId)).toEqual(['identity', 'settings']);
  });
});
