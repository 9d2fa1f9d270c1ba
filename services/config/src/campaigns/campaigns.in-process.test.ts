import type { InProcessEventBus } from '@dms/bus';
import type { DmCommandRequested } from '@dms/contracts';
import { imeiOfDeviceId } from '@dms/contracts';
import { firmwareBelow } from './domain/firmware-version';
import { api, eventually, serveConsent, startCampaigns, type CampaignsHarness } from './test-support/campaigns.harness';
import { serveGeneratedSubscribers, subscriberOf } from './test-support/generated-subscribers.fixture';
import { startSimulatedGateway, type Outcome, type SimulatedGateway } from './test-support/simulated-gateway';

jest.setTimeout(60_000);

/** The generated subscriber behind a job (-1 for a device id that is no IMEI: always reached). */
const indexOf = (r: DmCommandRequested): number => Number(imeiOfDeviceId(r.deviceId)?.slice(8) ?? -1);

/** i%11: never reached; i%13: the user says no; i%7: not reached the first time. */
const silentCampaigns = new Set<string>();
function outcomeOf(r: DmCommandRequested, nth: number): Outcome | 'silent' {
  if (silentCampaigns.has(r.correlationId)) return 'silent';
  const i = indexOf(r);
  if (i < 0) return 'completed';
  if (i % 11 === 0) return 'interrupted';
  if (i % 13 === 0) return 'rejected';
  if (i % 7 === 0 && nth === 1) return 'expired';
  return 'completed';
}
const consentOf = (msisdn: string) => {
  const i = Number(msisdn.slice(5));
  return i % 5 === 0 ? 'revoked' : i % 5 === 1 ? 'granted' : 'not-asked';
};

const campaignBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'prepaid MMS refresh',
  target: { kind: 'query', criteria: { 'attr.plan': 'prepaid' } },
  action: { kind: 'apply-profile', settings: ['mms'] },
  rateLimit: { perSecond: 400, burst: 20 },
  retry: { maxAttempts: 3, backoffMs: 20, backoffMaxMs: 100 },
  ...overrides,
});

async function finished(h: CampaignsHarness, id: string, state = 'completed') {
  let campaign: { state: string; progress: { counts: Record<string, number> } } | undefined;
  await eventually(async () => {
    campaign = (await api(h, 'GET', `/api/v1/campaigns/${id}`)).body;
    expect(campaign!.state).toBe(state);
    expect(campaign!.progress.counts['pending']).toBe(0);
    expect(campaign!.progress.counts['sent']).toBe(0);
  }, 40_000);
  return campaign!;
}

describe('campaigns on the in-process bus and RPC and the embedded store', () => {
  let h: CampaignsHarness;
  let gateway: SimulatedGateway;
  const events: { applied: number; failed: { reason: string; willRetry: boolean }[] } = { applied: 0, failed: [] };
  beforeAll(async () => {
    h = await startCampaigns();
    await serveGeneratedSubscribers(h.rpc, 600);
    await serveConsent(h.rpc, consentOf);
    gateway = await startSimulatedGateway(h.bus, outcomeOf);
    await h.bus.subscribe({ topic: 'config.applied.v1', group: 'watch', handler: async () => void events.applied++ });
    await h.bus.subscribe({
      topic: 'config.failed.v1',
      group: 'watch',
      handler: async ({ data }) => void events.failed.push({ reason: data.reason, willRetry: data.willRetry }),
    });
  });
  afterAll(async () => {
    await gateway.close();
    await h.close();
  });

  it('runs a query campaign to the end: every device in its state, retries with backoff, under the rate limit', async () => {
    const created = await api(h, 'POST', '/api/v1/campaigns', campaignBody({ target: { kind: 'query', criteria: { 'attr.plan': 'prepaid' }, fwVBelow: '1.10' } }));
    expect(created.status).toBe(201);
    expect((await api(h, 'POST', `/api/v1/campaigns/${created.body.id}/start`)).body.state).toBe('running');
    const campaign = await finished(h, created.body.id);

    const expected = { total: 0, applied: 0, failed: 0, skipped: 0, cancelled: 0, revoked: 0, asked: 0 };
    for (let i = 0; i < 600; i++) {
      const s = subscriberOf(i);
      if (s.attributes['plan'] !== 'prepaid' || !firmwareBelow(s.terminal?.fwV, '1.10')) continue;
      expected.total++;
      if (s.terminal!.model === 'Pixel 6') expected.skipped++;
      else if (consentOf(s.msisdn) === 'revoked') {
        expected.skipped++;
        expected.revoked++;
      }
      else if (i % 11 === 0 || i % 13 === 0) expected.failed++;
      else expected.applied++;
      if (s.terminal!.model !== 'Pixel 6' && consentOf(s.msisdn) === 'not-asked') expected.asked++;
    }
    const { revoked, asked, ...counts } = expected;
    expect(campaign.progress.counts).toEqual({ ...counts, pending: 0, sent: 0 });

    // Each device got one job per attempt; only the 1 + 2 retries of the never-reached ones and 1 retry of i%7.
    for (const [deviceId, jobs] of gateway.jobsByDevice) {
      const i = Number(imeiOfDeviceId(deviceId)!.slice(8));
      const attempts = i % 11 === 0 ? 3 : i % 13 === 0 ? 1 : i % 7 === 0 ? 2 : 1;
      expect(jobs).toEqual(Array.from({ length: attempts }, (_, n) => `${created.body.id}.${subscriberOf(i).msisdn}.${n + 1}`));
    }
    const firstJobs = [...gateway.requests.values()].filter((r) => r.jobId.endsWith('.1'));
    expect(firstJobs.filter((r) => r.userInteraction?.code === 1101)).toHaveLength(asked);
    expect(firstJobs.every((r) => r.notify && r.msisdn && r.requestedBy === `config:campaign:${created.body.id}`)).toBe(true);
    await eventually(() => {
      expect(events.applied).toBe(counts.applied);
      expect(events.failed.filter((f) => f.reason === 'consent-revoked')).toHaveLength(revoked);
      expect(events.failed.filter((f) => !f.willRetry && f.reason !== 'consent-revoked')).toHaveLength(counts.failed);
    });

    // 400/s with a burst of 20: no 250 ms window holds more than 20 + 100 jobs.
    const times = gateway.arrivals.slice().sort((a, b) => a - b);
    for (let a = 0, b = 0; b < times.length; b++) {
      while (times[b]! - times[a]! > 250) a++;
      expect(b - a + 1).toBeLessThanOrEqual(20 + 100 + 5);
    }

    // Paging the failed devices with the cursor gives each once.
    const failed: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { key: string; state: string }[]; nextCursor: string | null } } = await api(
        h,
        'GET',
        `/api/v1/campaigns/${created.body.id}/devices?state=failed&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      );
      failed.push(...page.body.items.map((d) => d.key));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(failed).size).toBe(counts.failed);
  });

  it('pauses, resumes and survives a restart of the module without sending a device twice', async () => {
    const before = gateway.requests.size;
    const created = await api(h, 'POST', '/api/v1/campaigns', campaignBody({ name: 'slow', rateLimit: { perSecond: 100, burst: 1 } }));
    const id = created.body.id as string;
    const mine = () => [...gateway.requests.values()].filter((r) => r.correlationId === id).length;
    await api(h, 'POST', `/api/v1/campaigns/${id}/start`);
    await eventually(() => expect(mine()).toBeGreaterThan(20));
    const live = (await api(h, 'GET', `/api/v1/campaigns/${id}`)).body.progress;
    expect(live.rate.perSecond).toBeGreaterThan(0);
    expect(live.rate.limit).toBe(100);
    expect(Date.parse(live.eta)).toBeGreaterThan(Date.now());
    expect((await api(h, 'POST', `/api/v1/campaigns/${id}/pause`)).body.state).toBe('paused');
    expect((await api(h, 'GET', `/api/v1/campaigns/${id}`)).body.progress.eta).toBeNull();
    await new Promise((r) => setTimeout(r, 100));
    const paused = mine();
    await new Promise((r) => setTimeout(r, 400));
    expect(mine()).toBe(paused);
    expect((await api(h, 'POST', `/api/v1/campaigns/${id}/pause`)).status).toBe(409);
    await api(h, 'POST', `/api/v1/campaigns/${id}/resume`);
    await eventually(() => expect(mine()).toBeGreaterThan(paused + 30));
    await h.restart();
    const campaign = await finished(h, id);
    expect(campaign.progress.counts['total']).toBe(300);
    const perDevice = new Map<string, number>();
    for (const r of gateway.requests.values()) if (r.correlationId === id && r.jobId.endsWith('.1')) perDevice.set(r.deviceId, (perDevice.get(r.deviceId) ?? 0) + 1);
    expect([...perDevice.values()].every((n) => n === 1)).toBe(true);
    expect(gateway.requests.size).toBeGreaterThan(before);
  });

  it('cancels: devices not yet sent end cancelled, jobs in flight still finish, enumeration stops', async () => {
    const created = await api(h, 'POST', '/api/v1/campaigns', campaignBody({ name: 'cancelled', rateLimit: { perSecond: 50, burst: 1 } }));
    const id = created.body.id as string;
    await api(h, 'POST', `/api/v1/campaigns/${id}/start`);
    await eventually(() => expect([...gateway.requests.values()].filter((r) => r.correlationId === id).length).toBeGreaterThan(10));
    expect((await api(h, 'POST', `/api/v1/campaigns/${id}/cancel`)).body.state).toBe('cancelled');
    const campaign = await finished(h, id, 'cancelled');
    const c = campaign.progress.counts;
    // Enumeration runs ahead of the 50/s dispatch, so most of the group was written before the cancel.
    expect(c['total']).toBeGreaterThan(100);
    expect(c['cancelled']).toBeGreaterThan(c['total']! - 40);
    expect(c['applied']! + c['failed']! + c['skipped']! + c['cancelled']!).toBe(c['total']);
    expect((await api(h, 'POST', `/api/v1/campaigns/${id}/resume`)).status).toBe(409);
  });

  it('sends command lists to explicit devices; without diagnostics every job asks first (1101)', async () => {
    const created = await api(h, 'POST', '/api/v1/campaigns', {
      name: 'explicit',
      target: { kind: 'list', devices: [{ deviceId: 'IMEI:356938035643809' }, { deviceId: 'IMEI:356938035643809' }, { deviceId: 'SERIAL-42' }] },
      action: { kind: 'commands', commands: [{ verb: 'Exec', target: './Vendor/Reboot' }] },
      rateLimit: { perSecond: 10 },
    });
    expect(created.body.target).toEqual({ kind: 'list', size: 2 });
    await api(h, 'POST', `/api/v1/campaigns/${created.body.id}/start`);
    const campaign = await finished(h, created.body.id);
    expect(campaign.progress.counts).toMatchObject({ total: 2, applied: 2 });
    const jobs = [...gateway.requests.values()].filter((r) => r.correlationId === created.body.id);
    expect(jobs.map((j) => [j.deviceId, j.commands[0]!.verb, j.userInteraction?.code])).toEqual([
      ['IMEI:356938035643809', 'Exec', 1101],
      ['SERIAL-42', 'Exec', 1101],
    ]);
  });

  it('lists devices with their derived state; a cancel ends the pending ones and leaves jobs in flight sent', async () => {
    const created = await api(h, 'POST', '/api/v1/campaigns', {
      name: 'silent handsets',
      target: { kind: 'list', devices: [{ deviceId: 'SERIAL-1' }, { deviceId: 'SERIAL-2' }, { deviceId: 'SERIAL-3' }] },
      action: { kind: 'commands', commands: [{ verb: 'Get', target: './DevInfo/Mod' }] },
      rateLimit: { perSecond: 0.5, burst: 1 },
    });
    const id = created.body.id as string;
    silentCampaigns.add(id);
    await api(h, 'POST', `/api/v1/campaigns/${id}/start`);
    await eventually(async () => {
      const all = await api(h, 'GET', `/api/v1/campaigns/${id}/devices`);
      expect(all.body.items.map((d: { deviceId: string; state: string }) => [d.deviceId, d.state])).toEqual([
        ['SERIAL-1', 'sent'],
        ['SERIAL-2', 'pending'],
        ['SERIAL-3', 'pending'],
      ]);
    });
    expect((await api(h, 'GET', `/api/v1/campaigns/${id}/devices?state=sent`)).body.items).toHaveLength(1);
    expect((await api(h, 'GET', `/api/v1/campaigns/${id}/devices?state=pending`)).body.items).toHaveLength(2);
    await api(h, 'POST', `/api/v1/campaigns/${id}/cancel`);
    await eventually(async () => {
      const campaign = await api(h, 'GET', `/api/v1/campaigns/${id}`);
      expect(campaign.body.progress.counts).toMatchObject({ total: 3, sent: 1, cancelled: 2, pending: 0 });
    });
    expect((await api(h, 'GET', `/api/v1/campaigns/${id}/devices?state=cancelled`)).body.items.map((d: { deviceId: string }) => d.deviceId)).toEqual([
      'SERIAL-2',
      'SERIAL-3',
    ]);
    expect((await api(h, 'GET', `/api/v1/campaigns/${id}/devices?cursor=nonsense`)).status).toBe(400);
  });

  it('waits for startAt, and cancels what is left at endAt (reason window-ended) before completing', async () => {
    const startAt = new Date(Date.now() + 1500).toISOString();
    const endAt = new Date(Date.now() + 2500).toISOString();
    const created = await api(h, 'POST', '/api/v1/campaigns', campaignBody({ name: 'window', rateLimit: { perSecond: 40, burst: 1 }, schedule: { startAt, endAt } }));
    const id = created.body.id as string;
    const mine = () => [...gateway.requests.values()].filter((r) => r.correlationId === id);
    await api(h, 'POST', `/api/v1/campaigns/${id}/start`);
    await new Promise((r) => setTimeout(r, 1000));
    expect(mine()).toHaveLength(0);
    const campaign = await finished(h, id);
    const c = campaign.progress.counts;
    expect(c['cancelled']).toBeGreaterThan(150);
    expect(c['applied']! + c['failed']! + c['skipped']! + c['cancelled']!).toBe(c['total']);
    const sent = mine();
    expect(sent.length).toBeGreaterThan(10);
    expect(Math.min(...sent.map((r) => Date.parse(r.requestedAt)))).toBeGreaterThanOrEqual(Date.parse(startAt));
    expect(Math.max(...sent.filter((r) => r.jobId.endsWith('.1')).map((r) => Date.parse(r.requestedAt)))).toBeLessThan(Date.parse(endAt));
    const cancelled = await api(h, 'GET', `/api/v1/campaigns/${id}/devices?state=cancelled&limit=1`);
    expect(cancelled.body.items[0]).toMatchObject({ state: 'cancelled', reason: 'window-ended' });
  });

  it('dead-letters an invalid dm.command-completed.v1 and ignores other services\' jobs', async () => {
    const bus = h.bus as InProcessEventBus;
    await bus.publishRaw('dm.command-completed.v1', { key: 'x', value: '{"jobId":42}' });
    await bus.publish('dm.command-completed.v1', {
      jobId: 'diag-1',
      deviceId: 'IMEI:356938035643809',
      correlationId: 'diag-1',
      outcome: 'completed',
      results: [],
      completedAt: new Date().toISOString(),
    });
    await eventually(() => expect(bus.deadLetters('config-campaigns')).toHaveLength(1));
  });
});
