import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInProcessEventBus, type InProcessEventBus } from '@dms/bus';
import { observation, seqOf, sleep, TOPIC, waitFor } from '@dms/bus/src/bus-contract.fixtures';
import { createEmbeddedStore, type DocumentStore } from '@dms/store';
import { createStoreBusJournal } from './bus-journal.store';

describe('bus journal in the embedded store', () => {
  let dir: string;
  let open: { bus: InProcessEventBus; store: DocumentStore }[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dms-journal-'));
    open = [];
  });
  afterEach(async () => {
    for (const { bus, store } of open) {
      await bus.close();
      await store.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** A bus on the journal file, as the embedded process builds it at each start. */
  async function startBus(
    options: { retainRecords?: number } = {},
  ): Promise<{ bus: InProcessEventBus; store: DocumentStore; stop: () => Promise<void> }> {
    const store = createEmbeddedStore({ file: join(dir, 'bus-journal.sqlite') });
    const bus = createInProcessEventBus({
      source: '/test',
      journal: await createStoreBusJournal(store),
      ...options,
    });
    const entry = { bus, store };
    open.push(entry);
    return {
      bus,
      store,
      stop: async () => {
        open.splice(open.indexOf(entry), 1);
        await bus.close();
        await store.close();
      },
    };
  }

  it('delivers after a restart the events published but not consumed, and not those already consumed', async () => {
    const first = await startBus();
    const handledFirst: number[] = [];
    const subscription = await first.bus.subscribe({
      topic: TOPIC,
      group: 'detector',
      handler: async (e) => void handledFirst.push(seqOf(e)),
    });
    for (let seq = 0; seq < 5; seq++) await first.bus.publish(TOPIC, observation(seq));
    await waitFor(() => handledFirst.length === 5, 5000, 'the first five events');
    await subscription.close();
    for (let seq = 5; seq < 12; seq++) await first.bus.publish(TOPIC, observation(seq));
    await first.stop();

    const second = await startBus();
    const handledSecond: number[] = [];
    await second.bus.subscribe({
      topic: TOPIC,
      group: 'detector',
      handler: async (e) => void handledSecond.push(seqOf(e)),
    });
    await waitFor(() => handledSecond.length >= 7, 5000, 'the seven unconsumed events');
    await sleep(100);

    expect(handledSecond.sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10, 11]);
  });

  it('keeps the bytes, key and headers of a record across a restart', async () => {
    const first = await startBus();
    const published = await first.bus.publish(TOPIC, observation(1), { key: 'k-1', correlationId: 'corr-1' });
    await first.stop();

    const second = await startBus();
    const received: unknown[] = [];
    await second.bus.subscribe({
      topic: TOPIC,
      group: 'late',
      handler: async (event, context) => void received.push({ event, correlationId: context.correlationId }),
    });
    await waitFor(() => received.length === 1, 5000, 'the journalled event');

    expect(received[0]).toEqual({ event: published, correlationId: 'corr-1' });
  });

  it('deletes from the file the records every group has read once the partition exceeds its retention', async () => {
    const { bus, store } = await startBus({ retainRecords: 2 });
    let handled = 0;
    await bus.subscribe({ topic: TOPIC, group: 'detector', handler: async () => void handled++ });
    // One key: every record in one partition, so the trim threshold (2 x 2 records) is crossed.
    for (let seq = 0; seq < 20; seq++) {
      await bus.publish(TOPIC, observation(seq), { key: 'one-key' });
      await waitFor(() => handled === seq + 1, 5000, `event ${seq}`);
    }
    await sleep(50);

    expect(await store.collection('bus_records').count()).toBeLessThan(20);
  });
});
