import { decodeKafkaMessage, EXTERNAL_SOURCE, InvalidEventError, type TopicName, type WireMessage } from '@dms/contracts';
import { isDmsError } from '@dms/service-kit';
import type { BatchEvent, BatchHandler } from '../batch/batch-subscription.port';
import { messageOf } from '../bus.errors';
import type { DeliveryContext } from '../event-bus.port';
import type { DeliveryControl, DeliveryPolicy } from './deliver-message';
import { backoffMs } from './delivery.defaults';
import { filterProcessed, markAllProcessed } from './processed-batch';

// Read once: tsx compiles a named import to re-export getters, read on every call otherwise (visible per record).
const decode = decodeKafkaMessage;
const EXTERNAL = EXTERNAL_SOURCE;

export interface BatchDeliveryPolicy extends Omit<DeliveryPolicy, 'handler'> {
  handler: BatchHandler<TopicName>;
}

/**
 * Consecutive records of one partition: messages[start, end) are delivered. Taken as a view
 * of the adapter's array (kafkajs' fetched batch, the in-process log's read), so that no
 * object is built per record before decoding.
 */
export interface RecordSlice {
  /** Catalog topic name (the physical one may carry a prefix). */
  readonly topic: TopicName;
  readonly partition: number;
  readonly messages: readonly WireMessage[];
  readonly start: number;
  readonly end: number;
  /** Offset of messages[index]. */
  offsetOf(index: number): string;
}

export interface BatchDeadLetter {
  /** Position in the slice: messages[start + index]. */
  index: number;
  attempts: number;
  reason: string;
}

export type BatchDeliveryResult =
  /** `settled`: the handler pipelines; commit past the batch only once it resolved. */
  | { kind: 'done'; deadLetters: BatchDeadLetter[]; settled?: Promise<void> }
  /** The consumer is stopping during a retry wait: leave the whole batch uncommitted. */
  | { kind: 'aborted' };

/** Valid events of a slice and, index for index, their positions in it. */
interface Decoded {
  events: BatchEvent<TopicName>[];
  indexes: number[];
}

/**
 * Delivers a slice of records to a batch handler with the semantics of
 * batch-subscription.port.ts. Shared by both adapters; the caller dead-letters what the
 * result lists and then commits past the slice.
 */
export async function deliverBatch(slice: RecordSlice, policy: BatchDeliveryPolicy, control: DeliveryControl): Promise<BatchDeliveryResult> {
  const deadLetters: BatchDeadLetter[] = [];
  const decoded: Decoded = { events: [], indexes: [] };
  const { topic, partition, messages, start, end } = slice;
  for (let i = start; i < end; i++) {
    try {
      const event = decode(topic, messages[i]!);
      const context: DeliveryContext = { attempt: 1, partition, offset: slice.offsetOf(i), external: event.source === EXTERNAL };
      if (event.correlationId !== undefined) (context as { correlationId?: string }).correlationId = event.correlationId;
      decoded.events.push({ event, context });
      decoded.indexes.push(i - start);
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      deadLetters.push({ index: i - start, attempts: 0, reason: `${error.code}: ${error.reason}` });
    }
  }
  const fresh = await filterProcessed(decoded, policy, control);
  if (fresh === undefined) return { kind: 'aborted' };
  const settling: Promise<void>[] = [];
  if (fresh.events.length > 0 && !(await handleOrSplit(fresh, slice, policy, control, deadLetters, settling))) {
    // Nothing of an aborted batch is committed; its pending effects are the next owner's to redo.
    for (const pending of settling) pending.catch(() => undefined);
    return { kind: 'aborted' };
  }
  deadLetters.sort((a, b) => a.index - b.index);
  if (settling.length === 0) return { kind: 'done', deadLetters };
  return { kind: 'done', deadLetters, settled: settling.length === 1 ? settling[0] : Promise.all(settling).then(() => undefined) };
}

async function handleOrSplit(batch: Decoded, slice: RecordSlice, policy: BatchDeliveryPolicy, control: DeliveryControl, deadLetters: BatchDeadLetter[], settling: Promise<void>[], whole = true): Promise<boolean> {
  const outcome = await attempt(batch, slice, policy, control, deadLetters, settling, whole);
  if (outcome === 'aborted') return false;
  if (outcome === 'handled') return true;
  if (batch.events.length === 1) {
    deadLetters.push({ index: batch.indexes[0]!, attempts: outcome.attempts, reason: outcome.reason });
    return true;
  }
  policy.logger.warn({ group: policy.group, size: batch.events.length, err: outcome.reason }, 'event batch failed; delivering its events one by one');
  for (let i = 0; i < batch.events.length; i++) {
    const single = { events: [batch.events[i]!], indexes: [batch.indexes[i]!] };
    if (!(await handleOrSplit(single, slice, policy, control, deadLetters, settling, false))) return false;
  }
  return true;
}

type AttemptOutcome = 'handled' | 'aborted' | { attempts: number; reason: string };

async function attempt(batch: Decoded, slice: RecordSlice, policy: BatchDeliveryPolicy, control: DeliveryControl, deadLetters: BatchDeadLetter[], settling: Promise<void>[], whole: boolean): Promise<AttemptOutcome> {
  // A whole chunk spans every record it covers (invalid and duplicate ones included); a split-off event only itself.
  const firstOffset = whole ? slice.offsetOf(slice.start) : slice.offsetOf(slice.start + batch.indexes[0]!);
  const lastOffset = whole ? slice.offsetOf(slice.end - 1) : slice.offsetOf(slice.start + batch.indexes[batch.indexes.length - 1]!);
  for (let attemptNo = 1; ; attemptNo++) {
    const events = attemptNo === 1 ? batch.events : batch.events.map((e) => ({ event: e.event, context: { ...e.context, attempt: attemptNo } }));
    try {
      const result = await policy.handler(events, { attempt: attemptNo, partition: slice.partition, firstOffset, lastOffset });
      // Ids are read only when the handler named poison: a header-less event's id is a hash computed on first read.
      let handled = batch.events;
      if (result?.poison !== undefined && result.poison.length > 0) {
        const poison = new Map(result.poison.map((p) => [p.eventId, p.reason]));
        handled = [];
        batch.events.forEach((e, i) => {
          const reason = poison.get(e.event.id);
          if (reason === undefined) handled.push(e);
          else deadLetters.push({ index: batch.indexes[i]!, attempts: attemptNo, reason });
        });
      }
      if (result?.settled) settling.push(policy.processedLog ? result.settled.then(() => markAllProcessed(handled, policy)) : result.settled);
      else await markAllProcessed(handled, policy);
      return 'handled';
    } catch (error) {
      const retriable = isDmsError(error) ? error.retriable : true;
      const reason = isDmsError(error) ? `${error.code}: ${error.message}` : `handler failed: ${messageOf(error)}`;
      if (!retriable) return { attempts: attemptNo, reason };
      if (attemptNo >= policy.maxAttempts) return { attempts: attemptNo, reason: `attempts exhausted; last error ${reason}` };
      policy.logger.warn({ group: policy.group, partition: slice.partition, firstOffset, lastOffset, attempt: attemptNo, err: messageOf(error) }, 'event batch handler failed; retrying');
      await control.pause(backoffMs(attemptNo, policy.retryBaseMs, policy.retryMaxMs));
      if (!control.isActive()) return 'aborted';
    }
  }
}
