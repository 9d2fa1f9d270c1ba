import type { CombinationDetected } from '@dms/contracts';
import {
  createEmbeddedStore,
  createMemoryKeyValueStore,
  type DocumentStore,
  type KeyValueStore,
} from '@dms/store';
import { createLogger, OperationalError } from '@dms/service-kit';
import { PartitionLocalCache } from '../data-access/partition-local.cache';
import { SeenTerminalRepository } from '../data-access/seen-terminal.repository';
import { SubscriberStateRepository } from '../data-access/subscriber-state.repository';
import { TieredSubscriberStates } from '../data-access/subscriber-states';
import { BatchDetectionService } from './batch-detection.service';
import type { Observation } from './subscriber-state';

const logger = createLogger({ service: 'test', level: 'silent' });
const at = (minute: number) => new Date(Date.UTC(2026, 10, 28, 10, minute)).toISOString();
const sighting = (msisdn: string, imei: string, minute: number): Observation => ({
  msisdn,
  imsi: '262011234567890',
  imei,
  observedAt: at(minute),
  source: 'hlr',
});
const HANDSET_A = '490154203237518';
const HANDSET_B = '352099001761481';

describe('BatchDetectionService on the embedded store', () => {
  let store: DocumentStore;
  let cache: KeyValueStore;
  let published: Array<{ id: string; event: CombinationDetected }>;
  let failPublish: boolean;

  function instance(localEntries = 100) {
    const repository = new SubscriberStateRepository({ store, cache, cacheTtlMs: 60_000, logger });
    const states = new TieredSubscriberStates(repository, new PartitionLocalCache(localEntries), 0);
    const publisher = {
      publish: async (event: CombinationDetected, id: string) => {
        if (failPublish) throw new OperationalError('TEST_BROKER_DOWN', 'broker down');
        published.push({ id, event });
      },
    };
    return new BatchDetectionService(states, new SeenTerminalRepository(store), publisher);
  }

  /** What the store holds as the subscriber's newest state (head and transitions, no cache). */
  const stored = async (msisdn: string) =>
    (await new SubscriberStateRepository({ store, cache, cacheTtlMs: 60_000, logger }).loadFromStore(msisdn))
      ?.state;
  const transitions = () => store.collection('subscriber_state_transitions');

  beforeEach(() => {
    store = createEmbeddedStore({ file: ':memory:' });
    cache = createMemoryKeyValueStore();
    published = [];
    failPublish = false;
  });
  afterEach(async () => {
    await store.close();
    await cache.close();
  });

  it('decides a subscriber seen several times in one batch in stream order and writes its newest state once', async () => {
    const service = instance();
    const batch = [
      sighting('4917001', HANDSET_A, 0),
      sighting('4917001', HANDSET_A, 1),
      sighting('4917001', HANDSET_B, 2),
      sighting('4917001', HANDSET_B, 1),
      sighting('4917001', HANDSET_B, 3),
    ];
    const { outcomes, settled } = await service.applyBatch(batch, { partition: 0, offset: '0' }, '4');
    await settled;

    expect(outcomes.map((o) => (o.outcome === 'ignored' ? o.reason : o.outcome))).toEqual([
      'detected',
      'last-seen',
      'detected',
      'stale',
      'last-seen',
    ]);
    expect(published.map((p) => p.event.imei)).toEqual([HANDSET_A, HANDSET_B]);
    expect(published[1]?.event).toMatchObject({ previousImei: HANDSET_A, newTerminal: true });
    expect(await transitions().count()).toBe(1);
    expect(await stored('4917001')).toMatchObject({
      imei: HANDSET_B,
      observedAt: at(3),
    });
  });

  it('announces the same detections under the same ids when a batch whose effects failed is delivered again, and nothing on a third delivery', async () => {
    const service = instance();
    const batch = [sighting('4917001', HANDSET_A, 0), sighting('4917002', HANDSET_B, 0)];
    failPublish = true;
    const failed = await service.applyBatch(batch, { partition: 0, offset: '0' }, '1');
    await expect(failed.settled).rejects.toMatchObject({ code: 'TEST_BROKER_DOWN' });
    expect(await transitions().count()).toBe(0);

    failPublish = false;
    // The bus delivers again from the failed batch; a fresh instance stands for the dropped memory tier.
    const again = await instance().applyBatch(batch, { partition: 0, offset: '0' }, '1');
    await again.settled;
    const third = await instance().applyBatch(batch, { partition: 0, offset: '0' }, '1');
    await third.settled;

    expect(again.outcomes.every((o) => o.outcome === 'detected')).toBe(true);
    expect(third.outcomes.every((o) => o.outcome === 'ignored')).toBe(true);
    expect(published.map((p) => p.id)).toEqual(
      again.outcomes.map((o) => (o.outcome === 'detected' ? o.eventId : '')),
    );
  });

  it('decides the next batch on the states the previous one is still writing', async () => {
    const service = instance();
    const first = await service.applyBatch(
      [sighting('4917001', HANDSET_A, 0)],
      { partition: 0, offset: '0' },
      '0',
    );
    const second = await service.applyBatch(
      [sighting('4917001', HANDSET_A, 1), sighting('4917001', HANDSET_B, 2)],
      { partition: 0, offset: '1' },
      '2',
    );
    await Promise.all([first.settled, second.settled]);

    expect(second.outcomes.map((o) => o.outcome)).toEqual(['last-seen', 'detected']);
    expect(published.map((p) => p.event.newSubscriber)).toEqual([true, false]);
    expect(await stored('4917001')).toMatchObject({ imei: HANDSET_B });
    expect(await transitions().count()).toBe(2);
  });
});
