import { observation, seqOf, waitFor } from '../bus-contract.fixtures';
import { createInProcessEventBus } from './in-process-event.bus';

const TOPIC = 'hlr.imei-observations.v1' as const;

describe('in-process retention', () => {
  it('drops records every group has read, beyond the retained count, but never unread ones', async () => {
    const bus = createInProcessEventBus({ source: '/test', partitions: 1, retainRecords: 5 });
    const fast: number[] = [];
    await bus.subscribe({ topic: TOPIC, group: 'fast', handler: async (e) => void fast.push(seqOf(e)) });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: number[] = [];
    await bus.subscribe({ topic: TOPIC, group: 'slow', handler: async (e) => {
      await gate;
      slow.push(seqOf(e));
    } });
    for (let seq = 0; seq < 40; seq++) await bus.publish(TOPIC, observation(seq));
    await waitFor(() => fast.length === 40, 2000, 'the fast group');
    release();
    await waitFor(() => slow.length === 40, 2000, 'the slow group, whose unread records were kept');
    for (let seq = 40; seq < 60; seq++) await bus.publish(TOPIC, observation(seq));
    await waitFor(() => slow.length === 60 && fast.length === 60, 2000, 'both groups');

    const late: number[] = [];
    await bus.subscribe({ topic: TOPIC, group: 'late', handler: async (e) => void late.push(seqOf(e)) });
    await waitFor(() => late.includes(59), 2000, 'the late group');
    await bus.close();
    expect(slow).toEqual(Array.from({ length: 60 }, (_, i) => i));
    // Trimming runs on append, so how much stays depends on how far the groups were then.
    expect(late.length).toBeLessThan(30);
    expect(late.length).toBeGreaterThanOrEqual(5);
    expect(late).toEqual(Array.from({ length: late.length }, (_, i) => 60 - late.length + i));
  });
});
