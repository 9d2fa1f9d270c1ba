import type { CombinationDetected } from '@dms/contracts';
import { createLogger } from '@dms/service-kit';
import {
  createEmbeddedStore,
  createMemoryKeyValueStore,
  type DocumentStore,
  type KeyValueStore,
} from '@dms/store';
import { PartitionLocalCache } from '../data-access/partition-local.cache';
import { SeenTerminalRepository } from '../data-access/seen-terminal.repository';
import { SubscriberStateRepository } from '../data-access/subscriber-state.repository';
import { TieredSubscriberStates } from '../data-access/subscriber-states';
import { CombinationDetectionService } from './combination-detection.service';
import type { KnownState, StreamPosition } from './detection.ports';
import type { Observation, SubscriberState } from './subscriber-state';

const logger = createLogger({ service: 'test', level: 'silent' });
const first: Observation = {
  msisdn: '491700000001',
  imsi: '262011234567890',
  imei: '490154203237518',
  observedAt: '2026-11-28T10:00:00Z',
  source: 'hlr',
};
const swap: Observation = { ...first, imei: '352099001761481', observedAt: '2026-11-28T11:00:00Z' };

class CrashingStates extends TieredSubscriberStates {
  crashNextSave = false;
  override async save(
    next: SubscriberState,
    expected: KnownState | undefined,
    position?: StreamPosition,
  ): Promise<boolean> {
    if (this.crashNextSave) {
      this.crashNextSave = false;
      throw new RangeError('simulated crash between publish and state write');
    }
    return super.save(next, expected, position);
  }
}

describe('CombinationDetectionService on the embedded store', () => {
  let store: DocumentStore;
  let cache: KeyValueStore;
  let published: Array<{ id: string; event: CombinationDetected }>;

  function instance(localEntries = 100): { service: CombinationDetectionService; states: CrashingStates } {
    const states = new CrashingStates(
      new SubscriberStateRepository({ store, cache, cacheTtlMs: 60_000, logger }),
      new PartitionLocalCache(localEntries),
      0,
    );
    const publisher = {
      publish: async (event: CombinationDetected, id: string) => void published.push({ id, event }),
    };
    return {
      service: new CombinationDetectionService(states, new SeenTerminalRepository(store), publisher),
      states,
    };
  }

  beforeEach(() => {
    store = createEmbeddedStore({ file: ':memory:' });
    cache = createMemoryKeyValueStore();
    published = [];
  });
  afterEach(async () => {
    await store.close();
    await cache.close();
  });

  it('re-announces under the same id and payload when it crashed between publish and state write, and never again after', async () => {
    const { service, states } = instance();
    await service.apply(first);
    states.crashNextSave = true;
    await expect(service.apply(swap)).rejects.toBeInstanceOf(RangeError);
    const redelivered = await service.apply(swap);
    const again = await service.apply(swap);

    expect(redelivered).toMatchObject({ outcome: 'detected', kind: 'new-combination' });
    expect(again).toEqual({ outcome: 'ignored', reason: 'duplicate' });
    const swaps = published.filter((p) => p.event.imei === swap.imei);
    expect(swaps).toHaveLength(2);
    expect(swaps[0]?.id).toBe(swaps[1]?.id);
    expect({ ...swaps[0]?.event, detectedAt: '' }).toEqual({ ...swaps[1]?.event, detectedAt: '' });
    expect(swaps[0]?.event.newTerminal).toBe(true);
  });

  it('keeps newTerminal true when the first sighting of a handset is redelivered after a crash', async () => {
    const { service, states } = instance();
    states.crashNextSave = true;
    await expect(service.apply(first)).rejects.toBeInstanceOf(RangeError);
    await service.apply(first);
    expect(published.map((p) => p.event.newTerminal)).toEqual([true, true]);
  });

  it('writes the state once when two instances apply the same observation at the same time', async () => {
    const a = instance();
    const b = instance();
    await a.service.apply(first);
    const outcomes = await Promise.all([a.service.apply(swap), b.service.apply(swap)]);

    expect(outcomes.filter((o) => o.outcome === 'detected')).toHaveLength(1);
    expect(new Set(published.filter((p) => p.event.imei === swap.imei).map((p) => p.id)).size).toBe(1);
    // The first sighting and one swap: the loser's transition from the same version was refused.
    expect(await store.collection('subscriber_state_transitions').count()).toBe(2);
  });

  it('re-decides on the stored truth when its memory tier is stale after another instance changed the subscriber', async () => {
    const position = { partition: 0, offset: '0' };
    const a = instance();
    const b = instance();
    await a.service.apply(first, position);
    await b.service.apply(swap);
    // a still remembers the first handset; seeing it again an hour later is a swap back, not a repeat
    const back = { ...first, observedAt: '2026-11-28T12:00:00Z' };
    const outcome = await a.service.apply(back, { partition: 0, offset: '1' });

    expect(outcome).toMatchObject({ outcome: 'detected', kind: 'new-combination' });
    expect(published.at(-1)?.event).toMatchObject({ imei: first.imei, previousImei: swap.imei });
  });
});
