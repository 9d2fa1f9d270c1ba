import type { EventData, EventEnvelope } from '@dms/contracts';
import { pseudonym } from './domain/anonymiser';
import type { Eligibility } from './domain/subscriber-terminal.model';
import { detection, eventually } from './test-support/detection.fixtures';
import { api, startHarness, type Harness } from './test-support/service.harness';

const A = '35693803564380';
const B = '35290611234567';
const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString();

describe('eligibility on the detection path', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
  });

  it('applies a detection within the directory timeout when the directory hangs, eligibility unknown', async () => {
    const slow = {
      eligibility: () =>
        new Promise<Eligibility>((resolve) =>
          setTimeout(
            () => resolve({ data: true, mms: true, source: 'slow', checkedAt: daysAgo(0) }),
            5000,
          ).unref(),
        ),
    };
    h = await startHarness({ directory: slow, config: { directoryTimeoutMs: 150 } });
    const started = performance.now();
    await h.bus.publish('terminal.combination-detected.v1', detection('491701111111', A, daysAgo(1)), {
      id: 'd1',
    });
    await eventually(async () => expect(h!.updates).toHaveLength(1));
    expect(performance.now() - started).toBeLessThan(1500);
    expect((await api(h, 'GET', '/api/v1/subscribers/491701111111')).body.eligibility).toBe('unknown');
  });

  it('takes eligibility and tenant from the mirror fed by subscription.changed.v1', async () => {
    h = await startHarness();
    await h.bus.publish(
      'subscription.changed.v1',
      { msisdn: '491702222222', change: 'activated', plan: 'gold', tenantId: 'acme', changedAt: daysAgo(2) },
      { id: 's1' },
    );
    await h.bus.publish('terminal.combination-detected.v1', detection('491702222222', A, daysAgo(1)), {
      id: 'd1',
    });
    await eventually(async () => {
      const body = (await api(h!, 'GET', '/api/v1/subscribers/491702222222')).body;
      expect(body.eligibility).toMatchObject({ data: true, mms: true, plan: 'gold', source: 'mirror' });
      expect(body.tenantId).toBe('acme');
    });
    await h.bus.publish(
      'subscription.changed.v1',
      { msisdn: '491702222222', change: 'deactivated', changedAt: daysAgo(0) },
      { id: 's2' },
    );
    await eventually(async () =>
      expect((await api(h!, 'GET', '/api/v1/subscribers/491702222222')).body.eligibility).toMatchObject({
        data: false,
        mms: false,
      }),
    );
    const page = await api(h, 'GET', '/api/v1/subscribers?tenant=acme');
    expect(page.body.items).toHaveLength(1);
  });
});

describe('clean-up', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
  });

  async function seed(harness: Harness): Promise<void> {
    await harness.bus.publish('terminal.combination-detected.v1', detection('491703333333', A, daysAgo(60)), {
      id: 'old1',
    });
    await harness.bus.publish('terminal.combination-detected.v1', detection('491703333333', B, daysAgo(50)), {
      id: 'old2',
    });
    await harness.bus.publish(
      'terminal.combination-detected.v1',
      detection('491704444444', '35693803999999', daysAgo(1)),
      { id: 'new1' },
    );
    await eventually(async () => expect(harness.updates).toHaveLength(3));
  }

  it('removes subscribers and terminals not seen for the retention period and anonymises their history', async () => {
    h = await startHarness({
      config: { retentionDays: 30, historyOnRemoval: 'anonymise', anonymiseSalt: 'pepper' },
    });
    const removedTerminals: EventEnvelope<'terminal.terminal-removed.v1', EventData<'terminal.terminal-removed.v1'>>[] = [];
    await h.bus.subscribe({
      topic: 'terminal.terminal-removed.v1',
      group: 'removal-watcher',
      handler: async (event) => void removedTerminals.push(event),
    });
    await seed(h);
    const report = await api(h, 'POST', '/api/v1/cleanup');
    expect(report.body).toMatchObject({ subscribersRemoved: 1, terminalsRemoved: 2, historyEntries: 2 });
    expect((await api(h, 'GET', '/api/v1/subscribers/491703333333')).status).toBe(404);
    expect((await api(h, 'GET', '/api/v1/subscribers/491704444444')).status).toBe(200);
    const kept = await h.store
      .collection<{ _id: string; msisdn: string; imsi: string; anonymised?: boolean }>('associations')
      .find({ anonymised: true });
    expect(kept.map((e) => e.msisdn)).toEqual([
      pseudonym('pepper', '491703333333'),
      pseudonym('pepper', '491703333333'),
    ]);
    expect(JSON.stringify(kept)).not.toContain('491703333333');
    await eventually(async () =>
      expect(h!.updates.filter((u) => u.data.change === 'subscriber-removed')).toHaveLength(1),
    );
    const removal = h.updates.find((u) => u.data.change === 'subscriber-removed')!;
    expect(removal.data).toMatchObject({ msisdn: '491703333333', imei: B.slice(0, 14) });
    expect(h.updates.map((u) => u.data.change)).not.toContain('terminal-detached');
    await eventually(async () => expect(removedTerminals).toHaveLength(2));
    expect(removedTerminals.map((e) => e.data.imei).sort()).toEqual([A.slice(0, 14), B.slice(0, 14)].sort());
    expect(removedTerminals[0]!.data).toMatchObject({ reason: 'not-seen', tac: A.slice(0, 8) });
    expect((await api(h, 'POST', '/api/v1/cleanup')).body).toMatchObject({
      subscribersRemoved: 0,
      terminalsRemoved: 0,
    });
  });

  it('drops the history of removed subscribers when configured so', async () => {
    h = await startHarness({ config: { retentionDays: 30, historyOnRemoval: 'drop' } });
    await seed(h);
    await h.service.cleanup();
    expect(await h.store.collection('associations').count()).toBe(1);
  });

  it('runs on its schedule', async () => {
    h = await startHarness({ config: { retentionDays: 30, cleanupIntervalMs: 100 } });
    await seed(h);
    await eventually(async () =>
      expect((await api(h!, 'GET', '/api/v1/subscribers/491703333333')).status).toBe(404),
    );
  });
});
