import type { EventData, EventEnvelope, TopicName } from '@dms/contracts';
import type { DeliveryContext, EventBus, SubscribeOptions, Subscription } from '../event-bus.port';

/**
 * Batch consumption: the handler gets the valid events of one partition, in offset order,
 * several at a time, so that it can read and write its state in bulk. Same guarantees as
 * subscribe() (event-bus.port.ts), per batch:
 * - each event is validated first; an invalid one is dead-lettered and left out of the batch;
 * - event ids the ProcessedEventLog holds are left out (idempotency window);
 * - the position is committed only after the handler resolved for the whole batch;
 * - a retriable failure retries the same batch with backoff, up to `maxAttempts`;
 * - a non-retriable failure, or an exhausted retry budget, splits the batch into batches of
 *   one event each, retried on their own, so only the events that fail are dead-lettered;
 * - the handler may name individual poison events in its outcome: they are dead-lettered
 *   with the given reason and the rest of the batch counts as handled;
 * - close() lets the in-flight batch finish and commits it.
 */
export interface BatchEvent<T extends TopicName> {
  readonly event: EventEnvelope<T, EventData<T>>;
  readonly context: DeliveryContext;
}

export interface BatchContext {
  readonly attempt: number;
  readonly partition: number;
  /** Offsets of the first and last record the batch covers (invalid or duplicate ones included). */
  readonly firstOffset: string;
  readonly lastOffset: string;
}

export interface PoisonEvent {
  /** Id of the event as delivered (BatchEvent.event.id). */
  readonly eventId: string;
  readonly reason: string;
}

export interface BatchOutcome {
  /** Events to dead-letter instead of retrying the batch; everything else counts as handled. */
  readonly poison?: readonly PoisonEvent[];
  /**
   * Pipelining: the batch's effects are durable once this resolves. The bus may hand over
   * the partition's next batches meanwhile (up to `maxUnsettledBatches`), and commits past this batch,
   * and records its event ids as processed, only after it resolved. If it rejects, this
   * batch and every later one of the partition are delivered again after a backoff (the
   * handler sees the position step back); when that keeps failing for `maxAttempts`, the
   * Kafka consumer restarts from the committed position (nothing is dead-lettered: the
   * failure is the handler's dependency's, not the events').
   */
  readonly settled?: Promise<void>;
}

export type BatchHandler<T extends TopicName> = (
  events: readonly BatchEvent<T>[],
  context: BatchContext,
) => Promise<BatchOutcome | void>;

export interface SubscribeBatchOptions<T extends TopicName> extends Omit<SubscribeOptions<T>, 'handler'> {
  handler: BatchHandler<T>;
  /** Most records per handler call; default 1000. */
  maxBatchSize?: number;
  /** Batches of one partition whose `settled` may be pending at once (pipelining depth); default 8. */
  maxUnsettledBatches?: number;
}

/** An EventBus that also offers batch subscriptions (both @dms/bus adapters do). */
export interface BatchEventBus extends EventBus {
  subscribeBatch<T extends TopicName>(options: SubscribeBatchOptions<T>): Promise<Subscription>;
}

/** Wrappers of a bus (facades) may not forward batch subscriptions; callers then subscribe per event. */
export function supportsBatch(bus: EventBus): bus is BatchEventBus {
  return typeof (bus as Partial<BatchEventBus>).subscribeBatch === 'function';
}

export const DEFAULT_MAX_BATCH_SIZE = 1000;
export const DEFAULT_MAX_UNSETTLED_BATCHES = 8;
