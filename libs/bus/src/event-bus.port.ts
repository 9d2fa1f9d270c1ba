import type { EventData, EventEnvelope, EventInput, TopicName } from '@dms/contracts';

/**
 * The event-bus port (ARCHITECTURE.md "Libraries"). Adapters: Kafka (kafkajs) and
 * in-process. Both pass the same contract suite (bus.contract.ts).
 *
 * Semantics every adapter guarantees:
 * - order per key within a topic; the key defaults to `subject`;
 * - consumer groups: each event reaches one member of each group;
 * - at-least-once: the position is committed only after the handler resolved;
 * - a handler that throws a retriable error is retried with backoff, up to `maxAttempts`;
 *   a non-retriable error, an exhausted retry budget or an event that fails validation
 *   goes to the group's dead-letter topic `dlq.<group>` with the original bytes and the reason,
 *   and the next event is processed;
 * - an event id the group's ProcessedEventLog already holds is skipped (idempotency window);
 *   the id is recorded only after the handler resolved, so a crash mid-handler redelivers;
 * - close() stops fetching, waits for in-flight handlers, commits, disconnects.
 */
export interface PublishOptions {
  /** Partition key; defaults to the envelope subject. */
  key?: string;
  subject?: string;
  /** Supply to make a re-publish of the same fact carry the same id (dedup downstream). */
  id?: string;
  time?: string;
  /** Correlation id carried as header `dms_correlation_id`. */
  correlationId?: string;
}

export interface DeliveryContext {
  readonly attempt: number;
  readonly partition: number;
  readonly offset: string;
  readonly correlationId?: string;
  /** True when the event arrived without CloudEvents headers (external producer such as an HLR or kcat). */
  readonly external: boolean;
}

export type EventHandler<T extends TopicName> = (
  event: EventEnvelope<T, EventData<T>>,
  context: DeliveryContext,
) => Promise<void>;

export interface SubscribeOptions<T extends TopicName> {
  topic: T;
  group: string;
  handler: EventHandler<T>;
  /** Attempts before dead-lettering; default 5. */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt; default 100 ms. */
  retryBaseMs?: number;
  /** Upper bound of the retry delay; default 10 s. */
  retryMaxMs?: number;
  /** Start from the earliest retained event when the group has no committed position; default true. */
  fromBeginning?: boolean;
  /** How long a handled event id is remembered by the ProcessedEventLog; default 7 days. */
  idempotencyTtlMs?: number;
}

export interface Subscription {
  readonly topic: string;
  readonly group: string;
  /** Stops this subscription and drains it. */
  close(): Promise<void>;
}

export interface EventBus {
  publish<T extends TopicName>(
    topic: T,
    data: EventInput<T>,
    options?: PublishOptions,
  ): Promise<EventEnvelope<T, EventData<T>>>;
  subscribe<T extends TopicName>(options: SubscribeOptions<T>): Promise<Subscription>;
  /** Resolves when the bus can publish (connected); used by /readyz. */
  ready(): Promise<boolean>;
  /** Drain every subscription, flush producers, disconnect. Idempotent. */
  close(): Promise<void>;
}

/**
 * Where a group remembers the event ids it has handled, for idempotency. Recording happens
 * after the handler succeeded (not before), so that a process dying mid-handler leaves
 * no mark and the redelivered event is handled. Implementations: in-memory, and one over
 * any KeyValueStore-shaped object (the Redis or in-memory store of @dms/store).
 */
export interface ProcessedEventLog {
  /** May answer synchronously (in-memory): the consumer then skips a promise per event. */
  isProcessed(group: string, eventId: string): Promise<boolean> | boolean;
  markProcessed(group: string, eventId: string, ttlMs: number): Promise<void> | void;
}
