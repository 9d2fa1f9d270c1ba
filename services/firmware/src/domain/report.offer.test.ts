import { eventually, startFirmwareHarness, type FirmwareHarness } from '../test-support/firmware.harness';

describe('offering an update when diagnostics finds the firmware outdated', () => {
  let on: FirmwareHarness;
  let off: FirmwareHarness;
  beforeAll(async () => {
    on = await startFirmwareHarness({ config: { autoUpdate: true } });
    off = await startFirmwareHarness();
    for (const h of [on, off]) {
      await h.registerPackage({ manufacturer: 'Xphone', model: 'X-200', version: 'X200_FW_2.10', fromVersions: ['X200_FW_2.1', 'X200_FW_2.9'] });
      h.consent.set('491720000001', 'granted');
    }
  });
  afterAll(async () => {
    await on?.close();
    await off?.close();
  });

  const report = (reportId: string, deviceId: string, current: string) => ({
    reportId,
    deviceId,
    msisdn: '491720000001',
    trigger: 'combination-detected' as const,
    outcome: 'complete' as const,
    findings: [{ kind: 'firmware-outdated' as const, current, latest: 'X200_FW_2.10' }],
    device: { manufacturer: 'XPHONE', model: 'x-200' },
    completedAt: new Date().toISOString(),
  });

  it('offers the newest package that applies, once per report, and only when automatic updates are on', async () => {
    for (const h of [on, off]) {
      await h.bus.publish('diagnostics.report-completed.v1', report('rep-1', 'IMEI:352911060000010', 'X200_FW_2.1'), { id: 'r1' });
      await h.bus.publish('diagnostics.report-completed.v1', report('rep-1', 'IMEI:352911060000010', 'X200_FW_2.1'), { id: 'r1-again' });
      // A firmware the package does not apply to gets nothing.
      await h.bus.publish('diagnostics.report-completed.v1', report('rep-2', 'IMEI:352911060000028', 'X200_FW_1.0'), { id: 'r2' });
    }
    const job = await eventually(() => on.events['dm.command-requested.v1'][0] ?? Promise.reject(new TypeError('no job')));
    expect(job.data).toMatchObject({ deviceId: 'IMEI:352911060000010', msisdn: '491720000001' });
    expect(job.data.commands.find((c) => c.target?.endsWith('/PkgVersion'))?.data).toBe('X200_FW_2.10');
    await new Promise((r) => setTimeout(r, 100));
    expect(on.events['dm.command-requested.v1']).toHaveLength(1);
    expect(off.events['dm.command-requested.v1']).toHaveLength(0);
  });
});
