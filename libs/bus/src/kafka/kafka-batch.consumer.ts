import type { TopicName } from '@dms/contracts';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { BusLogger } from '../bus-logger';
import { ConsumerFailedError, messageOf } from '../bus.errors';
import { buildDeadLetter } from '../delivery/dead-letter';
import { deliverBatch, type BatchDeliveryPolicy } from '../delivery/deliver-batch';
import type { DeliveryControl } from '../delivery/deliver-message';
import { backoffMs } from '../delivery/delivery.defaults';
import type { KafkaPublisher } from './kafka-publisher';
import { OffsetCommits } from './offset-commits';

export interface KafkaBatchConsumerSettings {
  topic: TopicName;
  physicalTopic: string;
  dlqTopic: string;
  policy: BatchDeliveryPolicy;
  maxBatchSize: number;
  maxUnsettledBatches: number;
  heartbeatIntervalMs: number;
  publisher: KafkaPublisher;
  logger: BusLogger;
}

/** What the batch consumer needs of the kafkajs consumer besides the eachBatch payload. */
export interface KafkaPositions {
  /** Commits, per partition, the offset to read next; resolves once the broker acknowledged. */
  commit(offsets: ReadonlyArray<{ partition: number; offset: string }>): Promise<void>;
  /** The next fetch of the partition starts at `offset` (batches fetched before become stale). */
  seek(partition: number, offset: string): void;
  /** Stops fetching (used while draining on close). */
  pauseFetching(): void;
}

/** A delivered chunk whose effects may still be settling; `failed` is set once they rejected. */
interface Unsettled {
  firstOffset: string;
  lastOffset: string;
  done: boolean;
  failed?: unknown;
  settled: Promise<void>;
}

/** Per partition: the chunks delivered and not yet committed, in offset order. */
interface Lane {
  partition: number;
  /** Bumped when the lane starts afresh (a failure, a rebalance): older chunks' outcomes are ignored. */
  generation: number;
  pending: Unsettled[];
  /** Consecutive failed attempts at the head chunk. */
  failures: number;
  /** Set after the head chunk's effects failed: the partition was sought back to `from`; deliver again after `retryAt`. */
  retry?: { from: string; retryAt: number; error: unknown };
}

export interface KafkaBatchConsumer {
  eachBatch(payload: EachBatchPayload): Promise<void>;
  /** A new group generation: what was pending is the partition owner's to deliver again from the committed offsets. */
  reset(): void;
  /** For close(): stops delivering, waits for the pending chunks' effects and commits what settled. */
  drain(): Promise<void>;
}

/**
 * kafkajs eachBatch for a batch subscription. The fetched records of a partition go to the
 * handler in chunks of at most maxBatchSize; after each chunk its dead letters are written
 * (awaited: if one cannot be written the batch fails and is redelivered). Effects settle in
 * the background, also across fetches: a chunk's offset is resolved at once, which only
 * moves kafkajs' fetch position (the consumer runs with autoCommit off), so the next fetch
 * goes out while the effects of this one are still settling. Commits are this consumer's:
 * a chunk is committed once its effects and those of every earlier chunk of the partition
 * settled, so a commit never covers an unfinished effect. At most maxUnsettledBatches chunks
 * per partition are pending; delivery waits for the oldest beyond that. A chunk whose effects
 * fail is delivered again from there (kafkajs seek), with the later ones, after a backoff;
 * after maxAttempts the consumer fails and restarts from the committed offsets.
 */
export function kafkaBatchConsumer(
  settings: KafkaBatchConsumerSettings,
  control: (payload: EachBatchPayload) => DeliveryControl,
  positions: KafkaPositions,
): KafkaBatchConsumer {
  const { policy, logger } = settings;
  const lanes = new Map<number, Lane>();
  const commits = new OffsetCommits(positions.commit, logger, { group: policy.group, topic: settings.physicalTopic });
  let running = 0;
  let idle: (() => void) | undefined;
  let stopping = false;

  const laneOf = (partition: number): Lane => {
    let lane = lanes.get(partition);
    if (lane === undefined) lanes.set(partition, (lane = { partition, generation: 0, pending: [], failures: 0 }));
    return lane;
  };

  /** Commits the settled head chunks in order; on a failed head, seeks the partition back to it. */
  const advance = (lane: Lane): void => {
    let committable: string | undefined;
    while (lane.pending.length > 0 && lane.pending[0]!.done) {
      const head = lane.pending[0]!;
      if (head.failed !== undefined) {
        lane.failures++;
        logger.warn({ group: policy.group, topic: settings.physicalTopic, partition: lane.partition, offset: head.firstOffset, attempt: lane.failures, err: messageOf(head.failed) }, 'batch effects failed; delivering again from this batch');
        lane.generation++;
        lane.pending = [];
        lane.retry = { from: head.firstOffset, retryAt: Date.now() + backoffMs(lane.failures, policy.retryBaseMs, policy.retryMaxMs), error: head.failed };
        positions.seek(lane.partition, head.firstOffset);
        break;
      }
      lane.pending.shift();
      lane.failures = 0;
      committable = head.lastOffset;
    }
    if (committable !== undefined) commits.request(lane.partition, (BigInt(committable) + 1n).toString());
  };

  const track = (lane: Lane, unsettled: Unsettled): void => {
    lane.pending.push(unsettled);
    const generation = lane.generation;
    const settle = () => {
      if (lane.generation === generation) advance(lane);
    };
    if (unsettled.done) settle();
    else void unsettled.settled.then(settle);
  };

  const eachBatch = async (payload: EachBatchPayload): Promise<void> => {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const lane = laneOf(batch.partition);
    const deliveryControl = control(payload);
    running++;
    try {
      if (lane.retry !== undefined) {
        // Fetched before the seek back took effect: kafkajs fetches again from the failed chunk.
        if (isStale()) return;
        // Never deliver past the failed chunk: should a batch start after it, seek back again.
        const first = batch.messages[0]?.offset;
        if (first !== undefined && BigInt(first) > BigInt(lane.retry.from)) {
          positions.seek(batch.partition, lane.retry.from);
          return;
        }
        if (lane.failures >= policy.maxAttempts) throw new ConsumerFailedError(policy.group, settings.physicalTopic, lane.retry.error);
        await deliveryControl.pause(lane.retry.retryAt - Date.now());
        if (!deliveryControl.isActive()) return;
        lane.retry = undefined;
      }
      let start = 0;
      while (start < batch.messages.length && !stopping && isRunning() && !isStale() && lane.retry === undefined) {
        while (lane.pending.length >= settings.maxUnsettledBatches && lane.retry === undefined)
          await settledWithHeartbeats(lane.pending[0]!, heartbeat, settings.heartbeatIntervalMs);
        if (lane.retry !== undefined || stopping) break;
        const end = Math.min(start + settings.maxBatchSize, batch.messages.length);
        const unsettled = await deliverChunk(settings, batch.partition, batch.messages, start, end, deliveryControl);
        if (unsettled === undefined) break;
        // The fetch position only (autoCommit is off): committing is advance()'s, once the chunk settled.
        resolveOffset(unsettled.lastOffset);
        track(lane, unsettled);
        start = end;
        await heartbeat();
      }
    } finally {
      running--;
      if (running === 0) idle?.();
    }
  };

  return {
    eachBatch,
    reset() {
      for (const lane of lanes.values()) {
        lane.generation++;
        lane.pending = [];
        lane.failures = 0;
        delete lane.retry;
      }
      commits.clear();
    },
    async drain() {
      stopping = true;
      try {
        positions.pauseFetching();
      } catch {
        // Not running (never joined, or restarting): nothing is fetched anyway.
      }
      if (running > 0) await new Promise<void>((resolve) => (idle = resolve));
      for (const lane of lanes.values()) await Promise.all(lane.pending.map((p) => p.settled));
      await commits.drain();
    },
  };
}

/** Delivers messages[start, end) of a fetched batch. */
async function deliverChunk(settings: KafkaBatchConsumerSettings, partition: number, messages: KafkaMessage[], start: number, end: number, control: DeliveryControl): Promise<Unsettled | undefined> {
  const { policy } = settings;
  const slice = { topic: settings.topic, partition, messages, start, end, offsetOf: (i: number) => messages[i]!.offset };
  const result = await deliverBatch(slice, policy, control);
  if (result.kind === 'aborted') return undefined;
  await Promise.all(
    result.deadLetters.map((letter) => {
      const message = messages[start + letter.index]!;
      const origin = { topic: settings.physicalTopic, partition, offset: message.offset, group: policy.group, attempts: letter.attempts, reason: letter.reason };
      settings.logger.warn({ group: policy.group, topic: settings.physicalTopic, partition, offset: message.offset, reason: letter.reason }, 'event dead-lettered');
      return settings.publisher.send(settings.dlqTopic, buildDeadLetter(message, origin));
    }),
  );
  const unsettled: Unsettled = { firstOffset: messages[start]!.offset, lastOffset: messages[end - 1]!.offset, done: result.settled === undefined, settled: Promise.resolve() };
  if (result.settled)
    unsettled.settled = result.settled.then(
      () => void (unsettled.done = true),
      (error: unknown) => void ((unsettled.failed = error ?? 'rejected'), (unsettled.done = true)),
    );
  return unsettled;
}

/** Slow effects (a loaded store) must not cost the group membership: keep heartbeating while waiting. */
async function settledWithHeartbeats(unsettled: Unsettled, heartbeat: () => Promise<void>, intervalMs: number): Promise<void> {
  while (!unsettled.done) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([unsettled.settled, new Promise((resolve) => (timer = setTimeout(resolve, intervalMs)))]);
    clearTimeout(timer);
    if (!unsettled.done) await heartbeat();
  }
}
