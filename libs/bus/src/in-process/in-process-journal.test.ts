import { observation, seqOf, sleep, waitFor } from '../bus-contract.fixtures';
import { createInProcessEventBus } from './in-process-event.bus';
import { createMemoryJournal } from './in-process-journal';

const TOPIC = 'hlr.imei-observations.v1' as const;

describe('in-process bus with a journal', () => {
  it('delivers after a restart the events that were published but not consumed, and only those', async () => {
    const journal = createMemoryJournal();
    const before = createInProcessEventBus({ source: '/test', journal });
    const handledBefore: number[] = [];
    await before.subscribe({ topic: TOPIC, group: 'detector', handler: async (e) => void handledBefore.push(seqOf(e)) });
    for (let seq = 0; seq < 10; seq++) await before.publish(TOPIC, observation(seq));
    await waitFor(() => handledBefore.length === 10, 2000, 'the first ten events');
    await before.close();

    // Published while no consumer runs (the process stops before its consumer starts).
    const stopped = createInProcessEventBus({ source: '/test', journal });
    for (let seq = 10; seq < 20; seq++) await stopped.publish(TOPIC, observation(seq));
    await stopped.close();

    const after = createInProcessEventBus({ source: '/test', journal });
    const handledAfter: number[] = [];
    await after.subscribe({ topic: TOPIC, group: 'detector', handler: async (e) => void handledAfter.push(seqOf(e)) });
    await waitFor(() => handledAfter.length >= 10, 2000, 'the ten unconsumed events');
    await sleep(50);
    await after.close();

    expect(handledAfter.sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(journal.size).toBe(20);
  });

  it('gives a group that never committed the retained events from the beginning', async () => {
    const journal = createMemoryJournal();
    const first = createInProcessEventBus({ source: '/test', journal });
    await first.publish(TOPIC, observation(1));
    await first.close();
    const second = createInProcessEventBus({ source: '/test', journal });
    const seen: number[] = [];
    await second.subscribe({ topic: TOPIC, group: 'late', handler: async (e) => void seen.push(seqOf(e)) });
    await waitFor(() => seen.length === 1, 2000, 'the retained event');
    await second.close();
    expect(seen).toEqual([1]);
  });
});
