import type { SimulatedHandset } from '@dms/device-sim';
import { imeiFor } from '@dms/device-sim';
import { startGatewayFixture, type GatewayFixture } from '../../../diagnostics/src/test-support/dm-gateway.fixture';
import { startFirmwareHarness, type FirmwareHarness } from '../test-support/firmware.harness';
import { orderOf } from './rollout.model';

jest.setTimeout(120_000);

/**
 * Staged rollouts driven by tick() over simulated handsets behind a real in-process
 * dm-gateway: a stage is the handsets whose order is below its percentage; the next
 * starts only once every update of the stage has ended; too many failures halt it.
 */
describe('staged firmware rollouts', () => {
  let h: FirmwareHarness;
  let gw: GatewayFixture;
  let pkg: { packageId: string };
  let serial = 0;
  beforeAll(async () => {
    h = await startFirmwareHarness({ config: { perTick: 100 } });
    gw = await startGatewayFixture(h.bus);
    pkg = await h.registerPackage({ manufacturer: 'Acme', model: 'AcmePhone 1', version: '1.2.0' });
  });
  afterAll(async () => {
    await gw?.close();
    await h?.close();
  });

  async function fleet(n: number, failing = false): Promise<SimulatedHandset[]> {
    const phones: SimulatedHandset[] = [];
    for (let i = 0; i < n; i += 1) {
      serial += 1;
      phones.push(await gw.handset(imeiFor('35693803', 800_000 + serial), { family: 'oma-standard', ...(failing ? { fumo: { result: 500 } } : {}) }));
    }
    return phones;
  }

  const jobsOf = (phone: SimulatedHandset) => h.events['dm.command-requested.v1'].filter((e) => e.data.deviceId === phone.deviceId);

  /** Ticks, and lets every handset with a job run it and report its result, until the rollout stops moving. */
  async function drive(rolloutId: string, phones: SimulatedHandset[], rounds = 12): Promise<string> {
    let state = '';
    for (let round = 0; round < rounds; round += 1) {
      await h.service.tick();
      for (const phone of phones) {
        const jobs = jobsOf(phone);
        const last = jobs[jobs.length - 1];
        if (last === undefined || !(await gw.hasJob(phone.deviceId, last.data.jobId))) continue;
        await phone.startSession({ reason: 'server' });
        await phone.startSession({ reason: 'client' });
      }
      await new Promise((r) => setTimeout(r, 30));
      state = (await h.api('GET', `/api/v1/firmware/rollouts/${rolloutId}`)).body.state;
      if (state === 'halted' || state === 'completed') break;
    }
    return state;
  }

  it('goes stage by stage to completion; handsets already on the version are skipped, every other one updated once', async () => {
    const phones = await fleet(8);
    phones[0]!.tree.set('./DevDetail/FwV', { value: '1.2.0' });
    const created = await h.api('POST', '/api/v1/firmware/rollouts', {
      name: 'AcmePhone 1 to 1.2.0',
      packageId: pkg.packageId,
      target: { devices: phones.map((p) => ({ deviceId: p.deviceId, fwV: p.tree.text('./DevDetail/FwV') })) },
      stages: [50, 100],
      maxFailureRate: 0.2,
    });
    expect(created.status).toBe(201);
    const rolloutId: string = created.body.rolloutId;

    // First tick: the group is enumerated; the second starts stage 1 only.
    await h.service.tick();
    await h.service.tick();
    const firstStage = phones.slice(1).filter((p) => orderOf(rolloutId, p.deviceId) < 0.5);
    expect(phones.filter((p) => jobsOf(p).length > 0).map((p) => p.deviceId).sort()).toEqual(firstStage.map((p) => p.deviceId).sort());

    expect(await drive(rolloutId, phones)).toBe('completed');
    const view = (await h.api('GET', `/api/v1/firmware/rollouts/${rolloutId}`)).body;
    expect(view.counts).toMatchObject({ targeted: 8, skipped: 1, succeeded: 7, failed: 0, pending: 0 });
    expect(jobsOf(phones[0]!)).toEqual([]);
    for (const phone of phones.slice(1)) {
      expect(jobsOf(phone)).toHaveLength(1);
      expect(phone.tree.text('./DevDetail/FwV')).toBe('1.2.0');
    }
    const changes = h.events['firmware.rollout-changed.v1'].filter((e) => e.data.rolloutId === rolloutId).map((e) => `${e.data.state}:${e.data.stage}`);
    expect(changes).toEqual(['running:0', 'running:1', 'completed:1']);
  });

  it('halts after a stage whose failure rate is over the limit; the next stage gets nothing until an operator resumes', async () => {
    const phones = await fleet(10, true);
    const created = await h.api('POST', '/api/v1/firmware/rollouts', {
      name: 'bad build',
      packageId: pkg.packageId,
      target: { devices: phones.map((p) => ({ deviceId: p.deviceId })) },
      stages: [50, 100],
      maxFailureRate: 0.3,
    });
    const rolloutId: string = created.body.rolloutId;
    const firstStage = phones.filter((p) => orderOf(rolloutId, p.deviceId) < 0.5);
    const rest = phones.filter((p) => !firstStage.includes(p));

    expect(await drive(rolloutId, phones)).toBe('halted');
    const halted = (await h.api('GET', `/api/v1/firmware/rollouts/${rolloutId}`)).body;
    expect(halted.reason).toMatch(/failure rate 100\.0% .* in stage 1 of 2/);
    expect(rest.every((p) => jobsOf(p).length === 0)).toBe(true);
    expect(firstStage.every((p) => jobsOf(p).length === 1)).toBe(true);
    expect(h.events['firmware.rollout-changed.v1'].some((e) => e.data.rolloutId === rolloutId && e.data.state === 'halted')).toBe(true);

    // Pausing a halted rollout is refused; resuming accepts the stage and goes on.
    expect((await h.api('POST', `/api/v1/firmware/rollouts/${rolloutId}/pause`)).status).toBe(409);
    expect((await h.api('POST', `/api/v1/firmware/rollouts/${rolloutId}/resume`)).body.state).toBe('running');
    await h.service.tick(); // moves to stage 2
    await h.service.tick(); // starts it
    expect(rest.every((p) => jobsOf(p).length === 1)).toBe(true);
    expect((await h.api('POST', `/api/v1/firmware/rollouts/${rolloutId}/cancel`)).body.state).toBe('cancelled');
  });

  it('refuses a rollout of an unknown package and stages that do not end at 100', async () => {
    expect((await h.api('POST', '/api/v1/firmware/rollouts', { name: 'x', packageId: 'fw-none', target: { devices: [{ deviceId: 'IMEI:356938035643809' }] } })).status).toBe(404);
    expect((await h.api('POST', '/api/v1/firmware/rollouts', { name: 'x', packageId: pkg.packageId, target: { devices: [{ deviceId: 'IMEI:356938035643809' }] }, stages: [10, 50] })).status).toBe(400);
    expect((await h.api('GET', '/api/v1/firmware/rollouts/fwr-none')).status).toBe(404);
  });
});
