import { decodeKafkaMessage, EXTERNAL_SOURCE, InvalidEventError, type TopicName, type WireMessage } from '@dms/contracts';
import { isDmsError } from '@dms/service-kit';
import type { BusLogger } from '../bus-logger';
import { messageOf } from '../bus.errors';
import type { DeliveryContext, EventHandler, ProcessedEventLog } from '../event-bus.port';
import { backoffMs } from './delivery.defaults';

// Read once: tsx compiles a named import to re-export getters, read on every call otherwise (visible per record).
const decode = decodeKafkaMessage;
const EXTERNAL = EXTERNAL_SOURCE;

export interface DeliveryPolicy {
  group: string;
  handler: EventHandler<TopicName>;
  processedLog: ProcessedEventLog | undefined;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  idempotencyTtlMs: number;
  logger: BusLogger;
}

export interface DeliveryTarget {
  /** Catalog topic name (the physical one may carry a prefix). */
  topic: TopicName;
  partition: number;
  offset: string;
  message: WireMessage;
}

export type DeliveryOutcome =
  | { kind: 'handled' | 'duplicate'; attempts: number }
  | { kind: 'dead-letter'; attempts: number; reason: string }
  /** The consumer is stopping while the message waits for a retry: leave it uncommitted. */
  | { kind: 'aborted'; attempts: number };

// Shared outcomes for the common cases: one fewer allocation per consumed event.
const HANDLED_FIRST_TIME: DeliveryOutcome = Object.freeze({ kind: 'handled', attempts: 1 });
const DUPLICATE: DeliveryOutcome = Object.freeze({ kind: 'duplicate', attempts: 0 });

export interface DeliveryControl {
  /** False once the consumer is stopping or lost the partition. */
  isActive(): boolean;
  /** Waits between attempts; adapters keep the group session alive meanwhile. */
  pause(ms: number): Promise<void>;
}

/**
 * Delivers one message to a handler with the bus semantics (event-bus.port.ts): validate,
 * skip a known id, retry retriable failures in place (so later messages of the partition
 * wait and order holds), and tell the caller when to dead-letter. Shared by both adapters.
 */
export async function deliverMessage(target: DeliveryTarget, policy: DeliveryPolicy, control: DeliveryControl): Promise<DeliveryOutcome> {
  let envelope;
  try {
    envelope = decode(target.topic, target.message);
  } catch (error) {
    if (error instanceof InvalidEventError) return { kind: 'dead-letter', attempts: 0, reason: `${error.code}: ${error.reason}` };
    throw error;
  }
  const { group, processedLog } = policy;
  if (processedLog) {
    const seen = isProcessed(processedLog, group, envelope.id, policy, control);
    if (seen === true || (seen !== false && (await seen))) return DUPLICATE;
  }
  const external = envelope.source === EXTERNAL;
  for (let attempt = 1; ; attempt++) {
    const context: DeliveryContext = { attempt, partition: target.partition, offset: target.offset, external };
    if (envelope.correlationId !== undefined) (context as { correlationId?: string }).correlationId = envelope.correlationId;
    try {
      await policy.handler(envelope, context);
    } catch (error) {
      const retriable = isDmsError(error) ? error.retriable : true;
      const reason = isDmsError(error) ? `${error.code}: ${error.message}` : `handler failed: ${messageOf(error)}`;
      if (!retriable) return { kind: 'dead-letter', attempts: attempt, reason };
      if (attempt >= policy.maxAttempts) return { kind: 'dead-letter', attempts: attempt, reason: `attempts exhausted; last error ${reason}` };
      policy.logger.warn({ group, topic: target.topic, partition: target.partition, offset: target.offset, attempt, err: messageOf(error) }, 'event handler failed; retrying');
      await control.pause(backoffMs(attempt, policy.retryBaseMs, policy.retryMaxMs));
      if (!control.isActive()) return { kind: 'aborted', attempts: attempt };
      continue;
    }
    if (processedLog) {
      const marked = markProcessed(processedLog, group, envelope.id, policy);
      if (marked) await marked;
    }
    return attempt === 1 ? HANDLED_FIRST_TIME : { kind: 'handled', attempts: attempt };
  }
}

/** A failing log (Redis down) must not drop events: keep asking, with backoff, while active. */
function isProcessed(log: ProcessedEventLog, group: string, id: string, policy: DeliveryPolicy, control: DeliveryControl): boolean | Promise<boolean> {
  try {
    const answer = log.isProcessed(group, id);
    // A synchronous answer (in-memory log) costs no promise on the hot path.
    if (typeof answer === 'boolean') return answer;
    return answer.catch((error: unknown) => retryIsProcessed(log, group, id, policy, control, error));
  } catch (error) {
    return retryIsProcessed(log, group, id, policy, control, error);
  }
}

async function retryIsProcessed(log: ProcessedEventLog, group: string, id: string, policy: DeliveryPolicy, control: DeliveryControl, first: unknown): Promise<boolean> {
  let error = first;
  for (let attempt = 1; ; attempt++) {
    policy.logger.warn({ group, eventId: id, attempt, err: messageOf(error) }, 'processed-event log unavailable; retrying');
    await control.pause(backoffMs(attempt, policy.retryBaseMs, policy.retryMaxMs));
    if (!control.isActive()) throw error;
    try {
      return await log.isProcessed(group, id);
    } catch (next) {
      error = next;
    }
  }
}

/** The effect already happened: a failed mark only widens the at-least-once window, so log and go on. */
function markProcessed(log: ProcessedEventLog, group: string, id: string, policy: DeliveryPolicy): void | Promise<void> {
  const report = (error: unknown) => policy.logger.error({ group, eventId: id, err: messageOf(error) }, 'could not record processed event; a redelivery may repeat it');
  try {
    const done = log.markProcessed(group, id, policy.idempotencyTtlMs);
    if (done) return done.catch(report);
  } catch (error) {
    report(error);
  }
}
