import { eventually, startFirmwareHarness, type FirmwareHarness } from '../test-support/firmware.harness';

/**
 * The update's answers as the gateway publishes them (no handset): redeliveries change
 * nothing, jobs that never ran are sent again then given up, a result that never comes is
 * swept, the outcome event is announced once per update (same id on a repeat).
 */
describe('firmware update answers', () => {
  let h: FirmwareHarness;
  let now = Date.parse('2026-11-28T10:00:00.000Z');
  let pkg: { packageId: string };
  let n = 0;
  beforeAll(async () => {
    h = await startFirmwareHarness({ config: { maxAttempts: 2, resultTimeoutMs: 60_000 }, clock: () => now });
    pkg = await h.registerPackage({ manufacturer: 'Xphone', model: 'X-200', version: 'X200_FW_2.10' });
  });
  afterAll(() => h?.close());

  async function update(msisdn = `49172000${String((n += 1)).padStart(4, '0')}`) {
    h.consent.set(msisdn, 'granted');
    const deviceId = `IMEI:35291106${String(n).padStart(6, '0')}0`;
    const res = await h.api('POST', '/api/v1/firmware/updates', { deviceId, msisdn, packageId: pkg.packageId });
    expect(res.status).toBe(202);
    return { updateId: res.body.updateId as string, deviceId };
  }
  const jobs = (deviceId: string) => h.events['dm.command-requested.v1'].filter((e) => e.data.deviceId === deviceId);
  const outcomes = (updateId: string) => h.events['firmware.update-completed.v1'].filter((e) => e.data.updateId === updateId);
  const completed = (u: { updateId: string; deviceId: string }, jobId: string, outcome: 'completed' | 'expired' | 'interrupted', id: string) =>
    h.bus.publish('dm.command-completed.v1', { jobId, deviceId: u.deviceId, correlationId: u.updateId, outcome, results: outcome === 'completed' ? [{ cmdRef: '4', verb: 'Exec', target: './Vendor/X/FwUpdate/FwPkg1/DownloadAndUpdate', status: 202, items: [] }] : [], completedAt: new Date(now).toISOString() }, { id });
  const alert = (u: { deviceId: string }, jobId: string, data: string, id: string) =>
    h.bus.publish('device.alert-raised.v1', { deviceId: u.deviceId, code: 1226, type: 'org.openmobilealliance.dm.firmwareupdate.downloadandupdate', format: 'int', source: './Vendor/X/FwUpdate/FwPkg1/DownloadAndUpdate', data, correlator: `${jobId}:4`, raisedAt: new Date(now).toISOString() }, { id });
  const state = async (updateId: string) => (await h.api('GET', `/api/v1/firmware/updates/${updateId}`)).body;

  it('uses the vendor FUMO node for Xphone, and a redelivered answer or result changes nothing', async () => {
    const u = await update();
    const job = await eventually(() => jobs(u.deviceId)[0] ?? Promise.reject(new TypeError('no job')));
    expect(job.data.commands[3]).toMatchObject({ verb: 'Exec', target: './Vendor/X/FwUpdate/FwPkg1/DownloadAndUpdate' });
    await completed(u, job.data.jobId, 'completed', 'c1');
    await completed(u, job.data.jobId, 'completed', 'c1-again');
    await eventually(async () => expect((await state(u.updateId)).state).toBe('accepted'));
    await alert(u, job.data.jobId, '200', 'a1');
    await alert(u, job.data.jobId, '200', 'a1-again');
    await alert(u, 'someone-else.a1', '500', 'a2');
    await eventually(() => expect(outcomes(u.updateId).length).toBeGreaterThanOrEqual(2));
    // The repeat re-announces the same event (same id) and nothing else moves.
    expect(new Set(outcomes(u.updateId).map((e) => e.id)).size).toBe(1);
    expect(await state(u.updateId)).toMatchObject({ state: 'ended', outcome: 'succeeded', resultCode: 200 });
    expect(jobs(u.deviceId)).toHaveLength(1);
  });

  it('one update at a time per handset: another request while one runs is refused (409) and sends nothing', async () => {
    const u = await update();
    await eventually(() => jobs(u.deviceId)[0] ?? Promise.reject(new TypeError('no job')));
    const second = await h.api('POST', '/api/v1/firmware/updates', { deviceId: u.deviceId, packageId: pkg.packageId, requestId: 'another' });
    expect(second.status).toBe(409);
    expect(second.body.detail).toContain(u.updateId);
    expect(jobs(u.deviceId)).toHaveLength(1);
  });

  it('a job that never ran is sent again under a new id, then the update is unreachable', async () => {
    const u = await update();
    const first = await eventually(() => jobs(u.deviceId)[0] ?? Promise.reject(new TypeError('no job')));
    await completed(u, first.data.jobId, 'expired', 'e1');
    const second = await eventually(() => jobs(u.deviceId)[1] ?? Promise.reject(new TypeError('no retry')));
    expect(second.data.jobId).toBe(`${u.updateId}.a2`);
    // An answer of the old job is no longer ours.
    await completed(u, first.data.jobId, 'completed', 'late-old');
    await completed(u, second.data.jobId, 'interrupted', 'e2');
    const done = await eventually(() => outcomes(u.updateId)[0] ?? Promise.reject(new TypeError('no outcome')));
    expect(done.data).toMatchObject({ outcome: 'unreachable', attempts: 2 });
    expect(jobs(u.deviceId)).toHaveLength(2);
  });

  it('an accepted update whose result never comes is unreachable after the result timeout; a 401 result is the user cancelling', async () => {
    const silent = await update();
    const job = await eventually(() => jobs(silent.deviceId)[0] ?? Promise.reject(new TypeError('no job')));
    await completed(silent, job.data.jobId, 'completed', 's1');
    await eventually(async () => expect((await state(silent.updateId)).state).toBe('accepted'));
    await h.service.tick();
    expect((await state(silent.updateId)).state).toBe('accepted');
    now += 61_000;
    await h.service.tick();
    expect(await state(silent.updateId)).toMatchObject({ state: 'ended', outcome: 'unreachable' });

    const cancelled = await update();
    const job2 = await eventually(() => jobs(cancelled.deviceId)[0] ?? Promise.reject(new TypeError('no job')));
    await completed(cancelled, job2.data.jobId, 'completed', 'c2');
    await alert(cancelled, job2.data.jobId, '401', 'a401');
    await eventually(async () => expect(await state(cancelled.updateId)).toMatchObject({ outcome: 'declined', resultCode: 401 }));
  });
});
