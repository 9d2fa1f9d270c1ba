import type { EventEnvelope } from '@dms/contracts';
import type { EventData, TopicName } from '@dms/contracts';

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
 * - an event id already handled by the group is skipped (idempotency window);
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
  /** Start from the earliest retained event when the group has no committed position; default true. */
  fromBeginning?: boolean;
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
    data: EventData<T>,
    options?: PublishOptions,
  ): Promise<EventEnvelope<T, EventData<T>>>;
  subscribe<T extends TopicName>(options: SubscribeOptions<T>): Promise<Subscription>;
  /** Resolves when the bus can publish (connected); used by /readyz. */
  ready(): Promise<boolean>;
  /** Drain every subscription, flush producers, disconnect. Idempotent. */
  close(): Promise<void>;
}

/**
 * Where a group remembers the event ids it has handled, for idempotency. The
 * KeyValueStore of @dms/store (Redis or in-memory) satisfies it through setIfAbsent.
 */
export interface ProcessedEventLog {
  /** Returns true if the id was not recorded yet and records it now. */
  markIfNew(group: string, eventId: string, ttlMs: number): Promise<boolean>;
  forget(group: string, eventId: string): Promise<void>;
}
