import { OperationalError, UserError } from '@dms/service-kit';

/** publish() or subscribe() after close(). */
export class BusClosedError extends UserError {
  constructor(operation: string) {
    super('BUS_CLOSED', `event bus is closed; cannot ${operation}`);
  }
}

/** The broker did not take a message (after the client's own retries). */
export class PublishFailedError extends OperationalError {
  constructor(topic: string, cause: unknown) {
    super('BUS_PUBLISH_FAILED', `publishing to ${topic} failed: ${messageOf(cause)}`, { cause, details: { topic } });
  }
}

/** A consumer could not join its group or crashed beyond the client's own restarts. */
export class ConsumerFailedError extends OperationalError {
  constructor(group: string, topic: string, cause: unknown) {
    super('BUS_CONSUMER_FAILED', `consumer of group ${group} on ${topic} failed: ${messageOf(cause)}`, { cause, details: { group, topic } });
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A caller named a partition the topic does not have. */
export class PartitionOutOfRangeError extends UserError {
  constructor(partition: number, partitionCount: number) {
    super('BUS_PARTITION_OUT_OF_RANGE', `partition ${partition} out of range 0..${partitionCount - 1}`);
  }
}

/** The topic is not in the event catalog of @dms/contracts. */
export class UnknownTopicError extends UserError {
  constructor(topic: string) {
    super('BUS_UNKNOWN_TOPIC', `topic ${topic} is not in the event catalog`);
  }
}
