import { InvalidEventError } from '@dms/contracts';
import { OperationalError, UserError } from '@dms/service-kit';
import {
  TOPIC, observation, outOfOrderKeys, seqOf, sleep, uniqueName, waitFor,
  type EventBusHarness, type EventBusHarnessFactory, type ObservationEvent,
} from './bus-contract.fixtures';
import type { EventBus } from './event-bus.port';

export type { EventBusHarness, EventBusHarnessFactory } from './bus-contract.fixtures';

interface ContractTimeouts {
  /** How long to wait for deliveries; Kafka needs group joins and fetches. */
  deliveryMs: number;
}

/**
 * The behaviour every EventBus adapter must show (event-bus.port.ts), defined once and run
 * against each adapter (STYLE.md 9): in-process in a unit test, Kafka in an integration test.
 */
export function defineEventBusContract(name: string, factory: EventBusHarnessFactory, timeouts: ContractTimeouts = { deliveryMs: 10_000 }): void {
  describe(`EventBus contract: ${name}`, () => {
    let h: EventBusHarness;
    beforeEach(async () => {
      h = await factory();
    });
    afterEach(async () => {
      await h.close();
    });

    async function collect(bus: EventBus, group: string, onEvent: (e: ObservationEvent, attempt: number) => Promise<void> = async () => {}) {
      const received: ObservationEvent[] = [];
      const subscription = await bus.subscribe({
        topic: TOPIC, group, retryBaseMs: 10,
        handler: async (event, context) => {
          await onEvent(event, context.attempt);
          received.push(event);
        },
      });
      return { received, subscription };
    }

    async function publishAll(from: number, to: number, keyCount?: number) {
      await Promise.all(Array.from({ length: to - from }, (_, i) => h.bus.publish(TOPIC, observation(from + i, keyCount))));
    }

    it('delivers the events of one key in publish order', async () => {
      const { received } = await collect(h.bus, uniqueName('order'));
      for (let i = 0; i < 200; i += 50) await publishAll(i, i + 50);
      await waitFor(() => received.length >= 200, timeouts.deliveryMs, '200 events');
      expect(outOfOrderKeys(received)).toEqual([]);
      expect(new Set(received.map(seqOf)).size).toBe(200);
    });

    it('refuses an invalid event on publish with a UserError and sends nothing', async () => {
      const { received } = await collect(h.bus, uniqueName('refuse'));
      const invalid = { ...observation(1), imei: '490154203237519' };
      await expect(h.bus.publish(TOPIC, invalid)).rejects.toMatchObject({ code: 'EVENT_INVALID', kind: 'user' });
      await expect(h.bus.publish(TOPIC, invalid)).rejects.toBeInstanceOf(InvalidEventError);
      await h.bus.publish(TOPIC, observation(2));
      await waitFor(() => received.length >= 1, timeouts.deliveryMs, 'the valid event');
      await sleep(100);
      expect(received.map(seqOf)).toEqual([2]);
    });

    it('retries a failing handler in place, so later events of its key wait and order holds', async () => {
      const failedOnce = new Set<number>();
      const { received } = await collect(h.bus, uniqueName('retry'), async (event, attempt) => {
        const seq = seqOf(event);
        if (seq % 5 === 0 && attempt === 1) {
          failedOnce.add(seq);
          throw new OperationalError('TEST_TRANSIENT', `transient failure on ${seq}`);
        }
      });
      await publishAll(0, 60);
      await waitFor(() => received.length >= 60, timeouts.deliveryMs, '60 events');
      expect(failedOnce.size).toBe(12);
      expect(outOfOrderKeys(received)).toEqual([]);
      expect(received.map(seqOf).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    });

    it('hands the rest of the stream to a new member when a member closes mid-stream, losing nothing', async () => {
      const group = uniqueName('takeover');
      const first = await collect(h.bus, group, () => sleep(5));
      await publishAll(0, 150, 30);
      await waitFor(() => first.received.length >= 20, timeouts.deliveryMs, 'first member to start');
      await first.subscription.close();
      const second = await collect(h.peer, group);
      await waitFor(() => new Set([...first.received, ...second.received].map(seqOf)).size >= 150, timeouts.deliveryMs, 'all 150 events');
      expect(first.received.length).toBeLessThan(150);
      expect(second.received.length).toBeGreaterThan(0);
      // The processed-event log stops an uncommitted but handled event from taking effect twice.
      expect(first.received.length + second.received.length).toBe(150);
    });

    it('gives a redelivered or re-published event no second effect', async () => {
      const { received } = await collect(h.bus, uniqueName('idem'));
      const event = await h.bus.publish(TOPIC, observation(1));
      await h.bus.publish(TOPIC, observation(1), { id: event.id });
      const external = JSON.stringify(observation(2));
      await h.publishRaw(TOPIC, { key: observation(2).msisdn, value: external });
      await h.publishRaw(TOPIC, { key: observation(2).msisdn, value: external });
      await h.bus.publish(TOPIC, observation(3));
      await waitFor(() => received.some((e) => seqOf(e) === 3), timeouts.deliveryMs, 'the last event');
      await sleep(100);
      expect(received.map(seqOf).sort()).toEqual([1, 2, 3]);
      expect(received.find((e) => seqOf(e) === 2)?.source).toBe('/external');
    });

    it('dead-letters invalid and failing events with the reason and goes on with the next', async () => {
      const group = uniqueName('poison');
      const key = observation(0, 1).msisdn;
      const received: number[] = [];
      await h.bus.subscribe({
        topic: TOPIC, group, maxAttempts: 3, retryBaseMs: 5,
        handler: async (event) => {
          if (seqOf(event) === 2) throw new UserError('TEST_REFUSED', 'handler refuses seq 2');
          if (seqOf(event) === 3) throw new OperationalError('TEST_DOWN', 'dependency down');
          received.push(seqOf(event));
        },
      });
      const badLuhn = JSON.stringify({ ...observation(9, 1), imei: '490154203237519' });
      await h.bus.publish(TOPIC, observation(0, 1));
      await h.publishRaw(TOPIC, { key, value: '{not json' });
      await h.publishRaw(TOPIC, { key, value: badLuhn });
      for (const seq of [1, 2, 3, 4]) await h.bus.publish(TOPIC, observation(seq, 1));
      const letters = await h.readDeadLetters(group, 4, timeouts.deliveryMs);
      await waitFor(() => received.includes(4), timeouts.deliveryMs, 'the event after the poison');
      expect(received).toEqual([0, 1, 4]);
      const reasons = letters.map((l) => l.headers.dlq_reason);
      expect(reasons[0]).toMatch(/^EVENT_INVALID: value is not JSON/);
      expect(reasons[1]).toContain('imei: imei check digit (Luhn) is wrong');
      expect(reasons[2]).toBe('TEST_REFUSED: handler refuses seq 2');
      expect(reasons[3]).toMatch(/^attempts exhausted; last error TEST_DOWN/);
      expect(letters.map((l) => l.headers.dlq_attempts)).toEqual(['0', '0', '1', '3']);
      expect(letters[1]?.value?.toString()).toBe(badLuhn);
      expect(letters[1]?.key?.toString()).toBe(key);
      expect(letters[2]?.headers).toMatchObject({ dlq_group: group, ce_type: 'org.dms.hlr.imei-observation.v1' });
      expect(letters.every((l) => l.headers.dlq_topic?.endsWith(TOPIC) && l.headers.dlq_offset !== undefined)).toBe(true);
    });

    it('splits the partitions between two members of one group without duplicates', async () => {
      const group = uniqueName('split');
      const a = await collect(h.bus, group);
      const b = await collect(h.peer, group);
      await publishAll(0, 200, 50);
      await waitFor(() => a.received.length + b.received.length >= 200, timeouts.deliveryMs, '200 events over two members');
      await sleep(200);
      expect(a.received.length).toBeGreaterThan(0);
      expect(b.received.length).toBeGreaterThan(0);
      const all = [...a.received, ...b.received].map(seqOf);
      expect(all.length).toBe(200);
      expect(new Set(all).size).toBe(200);
    });

    it('close() waits for an in-flight handler and commits its event', async () => {
      const group = uniqueName('drain');
      let started = false;
      let finished = false;
      const first = await collect(h.bus, group, async () => {
        started = true;
        await sleep(700);
        finished = true;
      });
      await h.bus.publish(TOPIC, observation(1));
      await waitFor(() => started, timeouts.deliveryMs, 'the slow handler to start');
      await first.subscription.close();
      expect(finished).toBe(true);
      expect(first.received.map(seqOf)).toEqual([1]);
      await h.bus.publish(TOPIC, observation(2));
      const second = await collect(h.peer, group);
      await waitFor(() => second.received.length >= 1, timeouts.deliveryMs, 'the next event');
      await sleep(200);
      expect(second.received.map(seqOf)).toEqual([2]);
    });
  });
}
