import { createKafkaHarness } from '@dms/bus/src/kafka/kafka-test.harness';
import { createInProcessRpc } from '@dms/bus/src/rpc';
import { imeiOfDeviceId, type DmCommandRequested } from '@dms/contracts';
import { createMongoStore } from '@dms/store/src/mongo/mongo.store';
import { infraEnv, uniqueName } from '@dms/store/src/test-support/infra-env';
import { api, serveConsent, startCampaigns, type CampaignsHarness } from './test-support/campaigns.harness';
import { serveGeneratedSubscribers, subscriberOf } from './test-support/generated-subscribers.fixture';
import { startSimulatedGateway, type Outcome, type SimulatedGateway } from './test-support/simulated-gateway';

jest.setTimeout(900_000);

const DEVICES = 10_000;
const RATE = 400;
const indexOf = (r: DmCommandRequested): number => Number(imeiOfDeviceId(r.deviceId)!.slice(8));
/** i%11: never reached (fails after 2 attempts); i%7: reached the second time. */
function outcomeOf(r: DmCommandRequested, nth: number): Outcome {
  const i = indexOf(r);
  if (i % 11 === 0) return 'interrupted';
  return i % 7 === 0 && nth === 1 ? 'expired' : 'completed';
}
const revoked = (i: number) => i % 5 === 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a campaign over 10,000 devices on Kafka and FerretDB, restarted midway', () => {
  let kafka: Awaited<ReturnType<typeof createKafkaHarness>>;
  let h: CampaignsHarness;
  let gateway: SimulatedGateway;
  let holding = false;
  beforeAll(async () => {
    kafka = await createKafkaHarness(['dm.command-requested.v1', 'dm.command-completed.v1', 'config.applied.v1', 'config.failed.v1']);
    const rpc = createInProcessRpc({ defaultTimeoutMs: 10_000 });
    await serveGeneratedSubscribers(rpc, DEVICES);
    await serveConsent(rpc, (msisdn) => (revoked(Number(msisdn.slice(5))) ? 'revoked' : 'granted'));
    h = await startCampaigns({
      bus: kafka.bus,
      rpc,
      store: createMongoStore({ url: infraEnv('DMS_MONGO_URL'), database: uniqueName('cfg_cmp') }),
      settings: { campaignGroup: uniqueName('config-campaigns'), campaignPageSize: 500, campaignTickMs: 500 },
    });
    // The gateway answers on Kafka from the peer bus, as dm-gateway would.
    gateway = await startSimulatedGateway(kafka.peer, outcomeOf, { group: uniqueName('sim-gw'), hold: () => holding });
  });
  afterAll(async () => {
    await gateway?.close();
    await h?.close();
    await h?.rpc.close();
    await h?.store.close();
    await kafka?.close();
  });

  it('ends every device in its state, each sent once per attempt, across a restart', async () => {
    const created = await api(h, 'POST', '/api/v1/campaigns', {
      name: 'all subscribers',
      target: { kind: 'query', criteria: {} },
      action: { kind: 'apply-profile' },
      rateLimit: { perSecond: RATE, burst: 50 },
      retry: { maxAttempts: 2, backoffMs: 500, backoffMaxMs: 500 },
    });
    const id = created.body.id as string;
    const started = Date.now();
    await api(h, 'POST', `/api/v1/campaigns/${id}/start`);

    while (gateway.requests.size < 3000) await sleep(100);
    // Answers held back across the restart: those jobs complete while the new module runs.
    holding = true;
    await h.restart();
    const atRestart = gateway.requests.size;
    await sleep(1000);
    holding = false;

    let campaign: { state: string; progress: { counts: Record<string, number>; rate: { perSecond: number } } };
    for (;;) {
      // Progress counts scan the ledger; FerretDB does that for every document, so look rarely.
      await sleep(10_000);
      campaign = (await api(h, 'GET', `/api/v1/campaigns/${id}`)).body;
      if (campaign.state === 'completed') break;
      if (Date.now() - started > 840_000) throw new Error(`not completed: ${JSON.stringify(campaign.progress)}`);
    }
    const elapsed = (Date.now() - started) / 1000;

    const expected = { total: DEVICES, pending: 0, sent: 0, applied: 0, failed: 0, skipped: 0, cancelled: 0 };
    const attempts = new Map<string, number>();
    for (let i = 0; i < DEVICES; i++) {
      const s = subscriberOf(i);
      if (s.terminal === null || s.terminal.model === 'Pixel 6' || revoked(i)) {
        expected.skipped++;
        continue;
      }
      if (i % 11 === 0) expected.failed++;
      else expected.applied++;
      attempts.set(`IMEI:${s.terminal.imei}`, i % 11 === 0 || i % 7 === 0 ? 2 : 1);
    }
    expect(campaign.progress.counts).toEqual(expected);
    expect(gateway.jobsByDevice.size).toBe(attempts.size);
    for (const [deviceId, jobs] of gateway.jobsByDevice) {
      expect(jobs).toHaveLength(attempts.get(deviceId)!);
      expect(new Set(jobs).size).toBe(jobs.length);
    }
    const failed = await api(h, 'GET', `/api/v1/campaigns/${id}/devices?state=failed&limit=5`);
    expect(failed.body.items[0]).toMatchObject({ state: 'failed', reason: 'unreachable', attempts: 2 });

    // 400/s with a burst of 50 (and a restart): no second holds more than 450 jobs.
    const times = gateway.arrivals.slice().sort((a, b) => a - b);
    let busiest = 0;
    for (let a = 0, b = 0; b < times.length; b++) {
      while (times[b]! - times[a]! >= 1000) a++;
      busiest = Math.max(busiest, b - a + 1);
    }
    expect(busiest).toBeLessThanOrEqual(RATE + 50);
    process.stdout.write(
      `campaign of ${DEVICES}: ${elapsed.toFixed(0)} s, ${gateway.requests.size} jobs (${gateway.deliveries.count} deliveries), ` +
        `${atRestart} before the restart, busiest second ${busiest}\n`,
    );
  });
});
