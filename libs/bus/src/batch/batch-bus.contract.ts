import { OperationalError, UserError } from '@dms/service-kit';
import { TOPIC, observation, outOfOrderKeys, seqOf, sleep, uniqueName, waitFor, type EventBusHarness, type EventBusHarnessFactory, type ObservationEvent } from '../bus-contract.fixtures';
import type { EventBus } from '../event-bus.port';
import { supportsBatch, type BatchEventBus, type BatchHandler } from './batch-subscription.port';

/** The batch-subscription behaviour (batch-subscription.port.ts), run against each adapter like the EventBus contract. */
export function defineBatchEventBusContract(name: string, factory: EventBusHarnessFactory, timeouts = { deliveryMs: 10_000 }): void {
  describe(`EventBus batch contract: ${name}`, () => {
    let h: EventBusHarness;
    beforeEach(async () => {
      h = await factory();
    });
    afterEach(async () => {
      await h.close();
    });

    function batchBus(bus: EventBus): BatchEventBus {
      if (!supportsBatch(bus)) throw new OperationalError('TEST_NO_BATCH', `${name} offers no subscribeBatch`);
      return bus;
    }

    async function collect(bus: EventBus, group: string, onBatch: (events: ObservationEvent[], attempt: number) => ReturnType<BatchHandler<typeof TOPIC>> = async () => {}) {
      const received: ObservationEvent[] = [];
      const sizes: number[] = [];
      const subscription = await batchBus(bus).subscribeBatch({
        topic: TOPIC, group, retryBaseMs: 10, maxAttempts: 3, maxBatchSize: 50,
        handler: async (events, context) => {
          const outcome = await onBatch(events.map((e) => e.event), context.attempt);
          const poison = new Set((outcome?.poison ?? []).map((p) => p.eventId));
          sizes.push(events.length);
          received.push(...events.map((e) => e.event).filter((e) => !poison.has(e.id)));
          return outcome;
        },
      });
      return { received, sizes, subscription };
    }

    it('hands the events of a partition over several at a time, in publish order per key, each once', async () => {
      const group = uniqueName('batch-order');
      for (let i = 0; i < 200; i += 50) await Promise.all(Array.from({ length: 50 }, (_, n) => h.bus.publish(TOPIC, observation(i + n))));
      const { received, sizes } = await collect(h.bus, group);
      await waitFor(() => received.length >= 200, timeouts.deliveryMs, '200 events');
      await sleep(100);
      expect(outOfOrderKeys(received)).toEqual([]);
      expect(received.map(seqOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
      expect(Math.max(...sizes)).toBeGreaterThan(1);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(50);
    });

    it('retries the whole batch after a retriable failure and then commits it', async () => {
      const attempts: number[] = [];
      const { received } = await collect(h.bus, uniqueName('batch-retry'), async (events, attempt) => {
        attempts.push(attempt);
        if (attempt === 1 && events.some((e) => seqOf(e) === 7)) throw new OperationalError('TEST_TRANSIENT', 'transient');
      });
      await Promise.all(Array.from({ length: 20 }, (_, i) => h.bus.publish(TOPIC, observation(i, 1))));
      await waitFor(() => received.length >= 20, timeouts.deliveryMs, '20 events');
      expect(attempts).toContain(2);
      expect(received.map(seqOf).filter((s) => s === 7)).toEqual([7]);
      expect(outOfOrderKeys(received)).toEqual([]);
    });

    it('dead-letters invalid records, events named as poison and the event a non-retriable failure singles out', async () => {
      const group = uniqueName('batch-poison');
      const key = observation(0, 1).msisdn;
      await h.bus.publish(TOPIC, observation(0, 1));
      await h.publishRaw(TOPIC, { key, value: '{not json' });
      for (const seq of [1, 2, 3, 4]) await h.bus.publish(TOPIC, observation(seq, 1));
      const { received } = await collect(h.bus, group, async (events) => {
        if (events.some((e) => seqOf(e) === 3)) throw new UserError('TEST_REFUSED', 'handler refuses seq 3');
        return { poison: events.filter((e) => seqOf(e) === 2).map((e) => ({ eventId: e.id, reason: 'TEST_POISON: seq 2' })) };
      });
      const letters = await h.readDeadLetters(group, 3, timeouts.deliveryMs);
      await waitFor(() => received.some((e) => seqOf(e) === 4), timeouts.deliveryMs, 'the event after the poison');
      expect([...new Set(received.map(seqOf))].sort()).toEqual([0, 1, 4]);
      expect(letters.map((l) => l.headers.dlq_reason)).toEqual([expect.stringMatching(/^EVENT_INVALID: value is not JSON/), 'TEST_POISON: seq 2', 'TEST_REFUSED: handler refuses seq 3']);
      expect(letters.map((l) => l.headers.dlq_attempts)).toEqual(['0', '1', '1']);
    });

    it('delivers again from a batch whose settled effects failed, so every event ends up with its effect', async () => {
      const seen: number[] = [];
      const effective = new Set<number>();
      let failed = false;
      await batchBus(h.bus).subscribeBatch({
        topic: TOPIC, group: uniqueName('batch-settled'), retryBaseMs: 10, maxBatchSize: 5,
        handler: async (events) => {
          const seqs = events.map((e) => seqOf(e.event));
          seen.push(...seqs);
          const fail = !failed && seqs.includes(7);
          failed ||= fail;
          return {
            settled: sleep(20).then(() => {
              if (fail) throw new OperationalError('TEST_STORE_DOWN', 'effects not written');
              for (const seq of seqs) effective.add(seq);
            }),
          };
        },
      });
      for (let i = 0; i < 20; i++) await h.bus.publish(TOPIC, observation(i, 1));
      await waitFor(() => effective.size >= 20, timeouts.deliveryMs, 'the effects of 20 events');
      expect(seen.filter((seq) => seq === 7)).toHaveLength(2);
    });

    it('gives a re-published event no second effect', async () => {
      const { received } = await collect(h.bus, uniqueName('batch-idem'));
      const event = await h.bus.publish(TOPIC, observation(1));
      await h.bus.publish(TOPIC, observation(1), { id: event.id });
      await h.bus.publish(TOPIC, observation(2));
      await waitFor(() => received.some((e) => seqOf(e) === 2), timeouts.deliveryMs, 'the last event');
      await sleep(200);
      expect(received.map(seqOf).sort()).toEqual([1, 2]);
    });

    it('close() waits for an in-flight batch and commits it', async () => {
      const group = uniqueName('batch-drain');
      let started = false;
      let finished = false;
      const first = await collect(h.bus, group, async () => {
        started = true;
        await sleep(700);
        finished = true;
      });
      await h.bus.publish(TOPIC, observation(1));
      await waitFor(() => started, timeouts.deliveryMs, 'the slow batch to start');
      await first.subscription.close();
      expect(finished).toBe(true);
      await h.bus.publish(TOPIC, observation(2));
      const second = await collect(h.peer, group);
      await waitFor(() => second.received.length >= 1, timeouts.deliveryMs, 'the next event');
      await sleep(200);
      expect(second.received.map(seqOf)).toEqual([2]);
    });
  });
}
