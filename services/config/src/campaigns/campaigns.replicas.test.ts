import { createInProcessEventBus } from '@dms/bus';
import { createInProcessRpc } from '@dms/bus/src/rpc';
import { bearerAuth } from '@dms/service-kit';
import { createEmbeddedStore } from '@dms/store/src/embedded/embedded.store';
import { CreateCampaign } from './domain/campaign.model';
import type { PlanCommands } from './domain/campaign.ports';
import { createCampaigns, type Campaigns } from './index';
import {
  eventually,
  logger,
  planCommands,
  serveConsent,
  testSettings,
  TOKEN,
} from './test-support/campaigns.harness';
import { serveGeneratedSubscribers } from './test-support/generated-subscribers.fixture';
import { startSimulatedGateway } from './test-support/simulated-gateway';

jest.setTimeout(60_000);

/**
 * Two config replicas on one store (as in Kubernetes with config scaled out): a campaign is
 * driven by one of them at a time (campaign-lease.repository.ts), so its rate limit holds
 * for the campaign; when that replica stops, the other one takes over and finishes it.
 */
describe('a campaign with two config replicas', () => {
  it('is driven by one replica at a time and finished by the other when that one stops, no device sent twice', async () => {
    const bus = createInProcessEventBus({ source: '/services/config', logger });
    const rpc = createInProcessRpc();
    const store = createEmbeddedStore({ file: ':memory:' });
    await serveGeneratedSubscribers(rpc, 300);
    await serveConsent(rpc, () => 'granted');
    const gateway = await startSimulatedGateway(bus, () => 'completed');
    const plannedBy: string[] = [];
    const replica = (name: string): Campaigns => {
      const recording: PlanCommands = async (target, settings) => {
        plannedBy.push(name);
        return planCommands(target, settings);
      };
      return createCampaigns({
        bus,
        rpc,
        store,
        logger,
        config: testSettings({ campaignLeaseMs: 1000 }),
        planCommands: recording,
        auth: bearerAuth(TOKEN),
      });
    };
    const replicas = { a: replica('a'), b: replica('b') };
    await replicas.a.start();
    await replicas.b.start();
    try {
      const created = await replicas.a.service.create(
        CreateCampaign.parse({
          name: 'two replicas',
          target: { kind: 'query', criteria: {} },
          action: { kind: 'apply-profile', settings: ['mms'] },
          rateLimit: { perSecond: 100, burst: 5 },
        }),
      );
      await replicas.b.service.control(created.id, 'start');
      await eventually(() => expect(plannedBy.length).toBeGreaterThanOrEqual(60));
      // One replica planned every device so far: the other one, with the same campaign in its store, waited.
      const holder = plannedBy[0] as 'a' | 'b';
      expect(new Set(plannedBy)).toEqual(new Set([holder]));
      const other = holder === 'a' ? 'b' : 'a';
      const before = plannedBy.length;
      await replicas[holder].stop();
      await eventually(async () => {
        const campaign = await replicas[other].service.get(created.id);
        expect(campaign.state).toBe('completed');
      }, 40_000);
      expect(plannedBy.slice(before).length).toBeGreaterThan(0);
      expect(new Set(plannedBy.slice(before))).toEqual(new Set([other]));
      // Each device got exactly one job, whichever replica sent it.
      const firstJobs = [...gateway.jobsByDevice.values()].map((jobs) => jobs.length);
      expect(firstJobs.every((n) => n === 1)).toBe(true);
      expect((await replicas[other].service.get(created.id)).progress.counts['applied']).toBe(
        firstJobs.length,
      );
    } finally {
      await replicas.a.stop();
      await replicas.b.stop();
      await gateway.close();
      await bus.close();
      await store.close();
    }
  });
});
