import { decodeKafkaMessage, EXTERNAL_SOURCE, InvalidEventError, type TopicName } from '@dms/contracts';
import { isDmsError } from '@dms/service-kit';
import type { BatchEvent, BatchHandler } from '../batch/batch-subscription.port';
import { messageOf } from '../bus.errors';
import type { DeliveryContext } from '../event-bus.port';
import type { DeliveryControl, DeliveryPolicy, DeliveryTarget } from './deliver-message';
import { backoffMs } from './delivery.defaults';
import { filterProcessed, markAllProcessed } from './processed-batch';

// Read once: tsx compiles a named import to re-export getters, read on every call otherwise (visible per record).
const decode = decodeKafkaMessage;
const EXTERNAL = EXTERNAL_SOURCE;

export interface BatchDeliveryPolicy extends Omit<DeliveryPolicy, 'handler'> {
  handler: BatchHandler<TopicName>;
}

export interface BatchDeadLetter {
  /** Index into the targets given to deliverBatch. */
  index: number;
  attempts: number;
  reason: string;
}

export type BatchDeliveryResult =
  /** `settled`: the handler pipelines; commit past the batch only once it resolved. */
  | { kind: 'done'; deadLetters: BatchDeadLetter[]; settled?: Promise<void> }
  /** The consumer is stopping during a retry wait: leave the whole batch uncommitted. */
  | { kind: 'aborted' };

interface Item {
  index: number;
  event: BatchEvent<TopicName>;
}

/**
 * Delivers consecutive records of one partition to a batch handler with the semantics of
 * batch-subscription.port.ts. Shared by both adapters; the caller dead-letters what the
 * result lists and then commits past the last target.
 */
export async function deliverBatch(targets: readonly DeliveryTarget[], policy: BatchDeliveryPolicy, control: DeliveryControl): Promise<BatchDeliveryResult> {
  const deadLetters: BatchDeadLetter[] = [];
  const decoded: Item[] = [];
  for (let index = 0; index < targets.length; index++) {
    const target = targets[index]!;
    try {
      const event = decode(target.topic, target.message);
      const context: DeliveryContext = { attempt: 1, partition: target.partition, offset: target.offset, external: event.source === EXTERNAL };
      if (event.correlationId !== undefined) (context as { correlationId?: string }).correlationId = event.correlationId;
      decoded.push({ index, event: { event, context } });
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      deadLetters.push({ index, attempts: 0, reason: `${error.code}: ${error.reason}` });
    }
  }
  const fresh = await filterProcessed(decoded, policy, control);
  if (fresh === undefined) return { kind: 'aborted' };
  const settling: Promise<void>[] = [];
  if (fresh.length > 0 && !(await handleOrSplit(fresh, targets, policy, control, deadLetters, settling))) {
    // Nothing of an aborted batch is committed; its pending effects are the next owner's to redo.
    for (const pending of settling) pending.catch(() => undefined);
    return { kind: 'aborted' };
  }
  deadLetters.sort((a, b) => a.index - b.index);
  if (settling.length === 0) return { kind: 'done', deadLetters };
  return { kind: 'done', deadLetters, settled: Promise.all(settling).then(() => undefined) };
}

async function handleOrSplit(items: Item[], targets: readonly DeliveryTarget[], policy: BatchDeliveryPolicy, control: DeliveryControl, deadLetters: BatchDeadLetter[], settling: Promise<void>[], whole = true): Promise<boolean> {
  const outcome = await attempt(items, targets, policy, control, deadLetters, settling, whole);
  if (outcome === 'aborted') return false;
  if (outcome === 'handled') return true;
  if (items.length === 1) {
    const [only] = items as [Item];
    deadLetters.push({ index: only.index, attempts: outcome.attempts, reason: outcome.reason });
    return true;
  }
  policy.logger.warn({ group: policy.group, size: items.length, err: outcome.reason }, 'event batch failed; delivering its events one by one');
  for (const item of items) if (!(await handleOrSplit([item], targets, policy, control, deadLetters, settling, false))) return false;
  return true;
}

type AttemptOutcome = 'handled' | 'aborted' | { attempts: number; reason: string };

async function attempt(items: Item[], targets: readonly DeliveryTarget[], policy: BatchDeliveryPolicy, control: DeliveryControl, deadLetters: BatchDeadLetter[], settling: Promise<void>[], whole: boolean): Promise<AttemptOutcome> {
  // A whole chunk spans every record it covers (invalid and duplicate ones included); a split-off event only itself.
  const first = whole ? targets[0]! : targets[items[0]!.index]!;
  const last = whole ? targets[targets.length - 1]! : targets[items[items.length - 1]!.index]!;
  for (let attemptNo = 1; ; attemptNo++) {
    const events = attemptNo === 1 ? items.map((i) => i.event) : items.map((i) => ({ event: i.event.event, context: { ...i.event.context, attempt: attemptNo } }));
    try {
      const result = await policy.handler(events, { attempt: attemptNo, partition: first.partition, firstOffset: first.offset, lastOffset: last.offset });
      // Ids are read only when the handler named poison: a header-less event's id is a hash computed on first read.
      let handled = items;
      if (result?.poison !== undefined && result.poison.length > 0) {
        const poison = new Map(result.poison.map((p) => [p.eventId, p.reason]));
        handled = [];
        for (const item of items) {
          const reason = poison.get(item.event.event.id);
          if (reason === undefined) handled.push(item);
          else deadLetters.push({ index: item.index, attempts: attemptNo, reason });
        }
      }
      if (result?.settled) settling.push(result.settled.then(() => markAllProcessed(handled, policy)));
      else await markAllProcessed(handled, policy);
      return 'handled';
    } catch (error) {
      const retriable = isDmsError(error) ? error.retriable : true;
      const reason = isDmsError(error) ? `${error.code}: ${error.message}` : `handler failed: ${messageOf(error)}`;
      if (!retriable) return { attempts: attemptNo, reason };
      if (attemptNo >= policy.maxAttempts) return { attempts: attemptNo, reason: `attempts exhausted; last error ${reason}` };
      policy.logger.warn({ group: policy.group, partition: first.partition, firstOffset: first.offset, lastOffset: last.offset, attempt: attemptNo, err: messageOf(error) }, 'event batch handler failed; retrying');
      await control.pause(backoffMs(attemptNo, policy.retryBaseMs, policy.retryMaxMs));
      if (!control.isActive()) return 'aborted';
    }
  }
}
