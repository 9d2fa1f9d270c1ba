import { randomBytes } from 'node:crypto';
import type { EventEnvelope, EventInput, TopicName } from '@dms/contracts';
import { OperationalError } from '@dms/service-kit';
import type { DeadLetterRecord } from './delivery/dead-letter';
import type { EventBus } from './event-bus.port';

/** What the contract suite needs from an adapter under test. */
export interface EventBusHarness {
  bus: EventBus;
  /** Another member of the same cluster: a second bus instance (Kafka) or the same bus (in-process). */
  peer: EventBus;
  /** Writes bytes as an external producer would (no CloudEvents headers). */
  publishRaw(topic: TopicName, message: { key: string | null; value: string | Buffer }): Promise<void>;
  readDeadLetters(group: string, atLeast: number, timeoutMs?: number): Promise<DeadLetterRecord[]>;
  close(): Promise<void>;
}

export type EventBusHarnessFactory = () => Promise<EventBusHarness>;

export const TOPIC = 'hlr.imei-observations.v1' as const;
export type Observation = EventInput<typeof TOPIC>;
export type ObservationEvent = EventEnvelope<typeof TOPIC, Observation>;

/** Sequence number carried in `source` so tests can check order and completeness. */
export function observation(seq: number, keyCount = 8): Observation {
  const key = seq % keyCount;
  return {
    msisdn: `4917000${String(key).padStart(5, '0')}`,
    imsi: '262011234567890',
    imei: '490154203237518',
    observedAt: new Date(Date.UTC(2026, 10, 28, 1, 0, 0) + seq).toISOString(),
    source: `seq-${seq}`,
  };
}

export function seqOf(event: { data: { source: string } }): number {
  return Number(event.data.source.slice('seq-'.length));
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new OperationalError('TEST_TIMEOUT', `timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Per key, the sequence numbers in arrival order must be increasing. */
export function outOfOrderKeys(events: readonly ObservationEvent[]): string[] {
  const last = new Map<string, number>();
  const bad = new Set<string>();
  for (const event of events) {
    const seq = seqOf(event);
    if ((last.get(event.data.msisdn) ?? -1) >= seq) bad.add(event.data.msisdn);
    last.set(event.data.msisdn, seq);
  }
  return [...bad];
}
