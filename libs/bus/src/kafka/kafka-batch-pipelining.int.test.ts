import { OperationalError } from '@dms/service-kit';
import type { Admin } from 'kafkajs';
import { observation, seqOf, sleep, uniqueName, waitFor } from '../bus-contract.fixtures';
import type { BatchEventBus } from '../batch/batch-subscription.port';
import { createKafkaHarness } from './kafka-test.harness';

jest.setTimeout(60_000);
const TOPIC = 'hlr.imei-observations.v1' as const;

/**
 * Batch subscriptions on Kafka resolve a chunk's offset at once (the next fetch goes out
 * while its effects settle) and commit it themselves once it and every earlier chunk of the
 * partition settled (kafka-batch.consumer.ts). These tests watch the group's committed
 * offsets on the broker.
 */
describe('kafka batch subscription: effects settling across fetches', () => {
  let h: Awaited<ReturnType<typeof createKafkaHarness>>;
  let admin: Admin;
  beforeEach(async () => {
    h = await createKafkaHarness([TOPIC]);
    admin = h.kafka.admin();
    await admin.connect();
  });
  afterEach(async () => {
    await admin.disconnect();
    await h.close();
  });

  /** The group's committed offset of the partition holding every event with keyCount 1 (-1: none). */
  async function committed(group: string): Promise<number> {
    const [topic] = await admin.fetchOffsets({ groupId: h.prefix + group, topics: [h.prefix + TOPIC] });
    const offsets = (topic?.partitions ?? []).map((p) => Number(p.offset));
    return Math.max(-1, ...offsets);
  }

  /** Polls the committed offset until it is `offset` (or 20 s passed); the last one read. */
  async function committedReaches(group: string, offset: number): Promise<number> {
    let last = await committed(group);
    for (const deadline = Date.now() + 20_000; last !== offset && Date.now() < deadline; ) {
      await sleep(100);
      last = await committed(group);
    }
    return last;
  }

  /**
   * Publishes `count` events of one key, then subscribes in batches of 5; `settle` gives each
   * batch's `settled`, and `gate` resolves once release() is called.
   */
  async function gatedRun(
    group: string,
    count: number,
    maxUnsettledBatches: number,
    settle: (seqs: number[], gate: Promise<void>) => Promise<void>,
  ): Promise<{ delivered: number[]; release: () => void }> {
    for (let seq = 0; seq < count; seq++) await h.bus.publish(TOPIC, observation(seq, 1));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const delivered: number[] = [];
    await (h.bus as BatchEventBus).subscribeBatch({
      topic: TOPIC,
      group,
      maxBatchSize: 5,
      maxUnsettledBatches,
      handler: async (events) => {
        const seqs = events.map((e) => seqOf(e.event));
        delivered.push(...seqs);
        return { settled: settle(seqs, gate) };
      },
    });
    return { delivered, release };
  }

  it('delivers later batches while an earlier one settles, and commits nothing past it until it did', async () => {
    const group = uniqueName('pipelined');
    // The first batch's effects hang until released; the later ones settle at once.
    const { delivered, release } = await gatedRun(group, 40, 8, (seqs, gate) =>
      seqs.includes(0) ? gate : Promise.resolve(),
    );
    await waitFor(
      () => delivered.length >= 40,
      20_000,
      'all 8 batches delivered while the first is unsettled',
    );
    await sleep(500);
    expect(await committed(group)).toBe(-1);

    release();
    expect(await committedReaches(group, 40)).toBe(40);
    expect(delivered).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('holds a full pipeline: the next batch waits until the oldest one settles', async () => {
    const { delivered, release } = await gatedRun(uniqueName('bounded'), 30, 2, (_seqs, gate) => gate);
    await waitFor(() => delivered.length >= 10, 20_000, 'two batches');
    await sleep(700);
    expect(delivered).toHaveLength(10);
    release();
    await waitFor(() => delivered.length >= 30, 20_000, 'the rest once the pipeline drained');
  });

  it('steps back to a batch whose effects failed after its fetch was done, and gives every event its effect', async () => {
    const group = uniqueName('late-failure');
    for (let seq = 0; seq < 30; seq++) await h.bus.publish(TOPIC, observation(seq, 1));
    const deliveries: number[][] = [];
    const effective = new Set<number>();
    let failed = false;
    await (h.bus as BatchEventBus).subscribeBatch({
      topic: TOPIC,
      group,
      maxBatchSize: 5,
      maxUnsettledBatches: 8,
      retryBaseMs: 10,
      handler: async (events) => {
        const seqs = events.map((e) => seqOf(e.event));
        deliveries.push(seqs);
        const fail = !failed && seqs.includes(10);
        failed ||= fail;
        // Fails long after the fetch's batches were all handed over (and the next fetch went out).
        return {
          settled: sleep(fail ? 400 : 5).then(() => {
            if (fail) throw new OperationalError('TEST_STORE_DOWN', 'effects not written');
            for (const seq of seqs) effective.add(seq);
          }),
        };
      },
    });
    expect(await committedReaches(group, 30)).toBe(30);
    expect(effective.size).toBe(30);
    // Batch 10-14 came twice; 15-29 were read again too, but their effects had settled and the
    // harness's processed-event log holds their ids, so the handler did not see them twice.
    const flat = deliveries.flat();
    expect(flat.filter((seq) => seq === 10)).toHaveLength(2);
    expect(flat.slice(30)).toEqual([10, 11, 12, 13, 14]);
    expect(flat.slice(0, 30)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it('close() lets pending effects settle, commits them, and the next member starts after them', async () => {
    const group = uniqueName('drain');
    for (let seq = 0; seq < 20; seq++) await h.bus.publish(TOPIC, observation(seq, 1));
    const effective: number[] = [];
    const subscription = await (h.bus as BatchEventBus).subscribeBatch({
      topic: TOPIC,
      group,
      maxBatchSize: 5,
      handler: async (events) => {
        const seqs = events.map((e) => seqOf(e.event));
        return { settled: sleep(300).then(() => void effective.push(...seqs)) };
      },
    });
    await waitFor(() => effective.length > 0, 20_000, 'a first batch to settle');
    await subscription.close();
    const settledBeforeClose = effective.length;
    expect(await committed(group)).toBe(settledBeforeClose);

    await h.bus.publish(TOPIC, observation(20, 1));
    const next: number[] = [];
    await (h.peer as BatchEventBus).subscribeBatch({
      topic: TOPIC,
      group,
      handler: async (events) => void next.push(...events.map((e) => seqOf(e.event))),
    });
    await waitFor(() => next.includes(20), 20_000, 'the next member to reach the new event');
    expect(next[0]).toBe(settledBeforeClose);
  });
});
