import type { SimulatedHandset } from '@dms/device-sim';
import { imeiFor } from '@dms/device-sim';
import { startGatewayFixture, type GatewayFixture } from '../../diagnostics/src/test-support/dm-gateway.fixture';
import { eventually, startFirmwareHarness, type FirmwareHarness } from './test-support/firmware.harness';

jest.setTimeout(60_000);

let serial = 0;
const nextMsisdn = () => `4917100${String(serial).padStart(5, '0')}`;

/**
 * firmware with a real in-process dm-gateway and simulated handsets (libs/device-sim FUMO):
 * the package is registered signed, the update job runs in a server-initiated session,
 * the handset answers the Exec 202 and reports its result as a Generic Alert 1226 in its
 * next session, which ends the update.
 */
describe('firmware updates through a real dm-gateway on simulated handsets', () => {
  let h: FirmwareHarness;
  let gw: GatewayFixture;
  let pkg: { packageId: string; version: string };
  beforeAll(async () => {
    h = await startFirmwareHarness();
    gw = await startGatewayFixture(h.bus);
    pkg = await h.registerPackage({ manufacturer: 'Acme', model: 'AcmePhone 1', version: '1.1.0', fromVersions: ['1.0.0'] });
  });
  afterAll(async () => {
    await gw?.close();
    await h?.close();
  });

  async function handset(options: Parameters<GatewayFixture['handset']>[1] = {}): Promise<{ handset: SimulatedHandset; msisdn: string }> {
    serial += 1;
    const deviceId = imeiFor('35693803', 700_000 + serial);
    return { handset: await gw.handset(deviceId, { family: 'oma-standard', ...options }), msisdn: nextMsisdn() };
  }

  /** Runs sessions until the job has been served (the gateway queues it asynchronously). */
  async function serve(handset: SimulatedHandset, jobId: string): Promise<void> {
    await eventually(async () => {
      if (!(await gw.hasJob(handset.deviceId, jobId))) throw new TypeError(`job ${jobId} not queued yet`);
    });
    expect((await handset.startSession({ reason: 'server' })).outcome).toBe('completed');
  }

  const completedFor = (deviceId: string) => h.events['firmware.update-completed.v1'].filter((e) => e.data.deviceId === deviceId);
  const jobsFor = (deviceId: string) => h.events['dm.command-requested.v1'].filter((e) => e.data.deviceId === deviceId);

  it('granted: DownloadAndUpdate with a signed per-device URL, 202, then the 1226 result ends it succeeded and FwV is the new version', async () => {
    const { handset: phone, msisdn } = await handset();
    h.consent.set(msisdn, 'granted');
    const requested = await h.api('POST', '/api/v1/firmware/updates', { deviceId: phone.deviceId, msisdn, packageId: pkg.packageId, fromVersion: '1.0.0', requestId: 'care-1' });
    expect(requested.status).toBe(202);
    const job = await eventually(() => jobsFor(phone.deviceId)[0] ?? Promise.reject(new TypeError('no job yet')));
    expect(job.data.userInteraction).toBeUndefined();
    expect(job.data.commands.map((c) => `${c.verb} ${c.target}`)).toEqual([
      'Replace ./FUMO/FwPkg1/PkgName',
      'Replace ./FUMO/FwPkg1/PkgVersion',
      'Replace ./FUMO/FwPkg1/DownloadAndUpdate/PkgURL',
      'Exec ./FUMO/FwPkg1/DownloadAndUpdate',
    ]);
    const url = job.data.commands[2]!.data!;
    // The URL the handset downloads from serves exactly the registered bytes, for this device only.
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(download.headers.get('etag')).toContain((await h.api('GET', `/api/v1/firmware/packages/${pkg.packageId}`)).body.sha256);
    await download.arrayBuffer();
    expect((await fetch(url.replace(encodeURIComponent(phone.deviceId), encodeURIComponent('IMEI:356938035643809')))).status).toBe(403);

    await serve(phone, job.data.jobId);
    await eventually(async () => expect((await h.api('GET', `/api/v1/firmware/updates/${requested.body.updateId}`)).body.state).toBe('accepted'));
    expect(completedFor(phone.deviceId)).toEqual([]);
    // The handset reports the result in its next session (after its restart).
    expect((await phone.startSession({ reason: 'client' })).outcome).toBe('completed');
    const done = await eventually(() => completedFor(phone.deviceId)[0] ?? Promise.reject(new TypeError('no outcome yet')));
    expect(done.data).toMatchObject({ updateId: requested.body.updateId, outcome: 'succeeded', resultCode: 200, toVersion: '1.1.0', fromVersion: '1.0.0', attempts: 1 });
    expect(phone.tree.text('./DevDetail/FwV')).toBe('1.1.0');
    // The same request again is the same update.
    const again = await h.api('POST', '/api/v1/firmware/updates', { deviceId: phone.deviceId, msisdn, packageId: pkg.packageId, requestId: 'care-1' });
    expect(again.body).toMatchObject({ updateId: requested.body.updateId, state: 'ended', outcome: 'succeeded' });
    expect(jobsFor(phone.deviceId)).toHaveLength(1);
  });

  it('a FUMO failure result (402 corrupted package) ends it failed with the code; FwV stays', async () => {
    const { handset: phone, msisdn } = await handset({ fumo: { result: 402 } });
    h.consent.set(msisdn, 'granted');
    const requested = await h.api('POST', '/api/v1/firmware/updates', { deviceId: phone.deviceId, msisdn, packageId: pkg.packageId });
    const job = await eventually(() => jobsFor(phone.deviceId)[0] ?? Promise.reject(new TypeError('no job yet')));
    await serve(phone, job.data.jobId);
    await eventually(async () => expect((await h.api('GET', `/api/v1/firmware/updates/${requested.body.updateId}`)).body.state).toBe('accepted'));
    await phone.startSession({ reason: 'client' });
    const done = await eventually(() => completedFor(phone.deviceId)[0] ?? Promise.reject(new TypeError('no outcome yet')));
    expect(done.data).toMatchObject({ outcome: 'failed', resultCode: 402 });
    expect(phone.tree.text('./DevDetail/FwV')).toBe('1.0.0');
  });

  it('consent revoked: nothing is sent and the update ends consent-revoked', async () => {
    const { handset: phone, msisdn } = await handset();
    h.consent.set(msisdn, 'revoked');
    const requested = await h.api('POST', '/api/v1/firmware/updates', { deviceId: phone.deviceId, msisdn, packageId: pkg.packageId });
    expect(requested.body).toMatchObject({ state: 'ended', outcome: 'consent-revoked' });
    expect(completedFor(phone.deviceId).map((e) => e.data.outcome)).toEqual(['consent-revoked']);
    expect(jobsFor(phone.deviceId)).toEqual([]);
  });

  it('never asked: the job asks first (1101 with the version); a no on the handset ends it declined and nothing is written', async () => {
    const { handset: phone, msisdn } = await handset({ uiAnswers: { confirm: 'no' } });
    const requested = await h.api('POST', '/api/v1/firmware/updates', { deviceId: phone.deviceId, msisdn, packageId: pkg.packageId });
    const job = await eventually(() => jobsFor(phone.deviceId)[0] ?? Promise.reject(new TypeError('no job yet')));
    expect(job.data.userInteraction).toMatchObject({ code: 1101, text: expect.stringContaining('1.1.0') });
    await serve(phone, job.data.jobId);
    const done = await eventually(() => completedFor(phone.deviceId)[0] ?? Promise.reject(new TypeError('no outcome yet')));
    expect(done.data).toMatchObject({ updateId: requested.body.updateId, outcome: 'declined' });
    expect(phone.tree.text('./FUMO/FwPkg1/DownloadAndUpdate/PkgURL')).toBe('');
  });

  it('refuses an unknown package and one that does not apply to the handset\'s firmware, with problems that say what to do', async () => {
    const unknown = await h.api('POST', '/api/v1/firmware/updates', { deviceId: 'IMEI:356938035643809', packageId: 'fw-nope' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toContain('register it first');
    const other = await h.api('POST', '/api/v1/firmware/updates', { deviceId: 'IMEI:356938035643809', packageId: pkg.packageId, fromVersion: '0.9.0' });
    expect(other.status).toBe(409);
    const bad = await h.api('POST', '/api/v1/firmware/updates', { deviceId: 'IMEI:356938035643809', packageId: pkg.packageId, extra: true });
    expect(bad.status).toBe(400);
    expect((await fetch(`${h.http.url}/api/v1/firmware/updates/x`)).status).toBe(401);
  });
});
