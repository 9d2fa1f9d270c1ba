import type { TopicName } from '@dms/contracts';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { BusLogger } from '../bus-logger';
import { ConsumerFailedError, messageOf } from '../bus.errors';
import { buildDeadLetter } from '../delivery/dead-letter';
import { deliverBatch, type BatchDeliveryPolicy } from '../delivery/deliver-batch';
import type { DeliveryControl, DeliveryTarget } from '../delivery/deliver-message';
import { backoffMs } from '../delivery/delivery.defaults';
import type { KafkaPublisher } from './kafka-publisher';

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

/** A delivered chunk whose effects may still be settling; `failed` is set once they rejected. */
interface Unsettled {
  start: number;
  lastOffset: string;
  done: boolean;
  failed?: unknown;
  settled: Promise<void>;
}

/**
 * kafkajs eachBatch for a batch subscription: the fetched records of a partition go to the
 * handler in chunks of at most maxBatchSize. After each chunk its dead letters are written
 * (awaited: if one cannot be written the batch fails and is redelivered). A chunk's last
 * offset is resolved only once its effects settled and those of every earlier chunk did, so
 * the commit kafkajs makes never covers an unfinished chunk; up to maxUnsettledBatches
 * chunks may be settling while later ones are handled. A chunk whose effects fail is
 * delivered again from there, with later ones, after a backoff.
 */
export function kafkaBatchConsumer(settings: KafkaBatchConsumerSettings, control: (payload: EachBatchPayload) => DeliveryControl) {
  const { policy } = settings;
  return async (payload: EachBatchPayload): Promise<void> => {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const deliveryControl = control(payload);
    const pending: Unsettled[] = [];
    let failures = 0;
    let start = 0;
    while (start < batch.messages.length || pending.length > 0) {
      if (start < batch.messages.length && isRunning() && !isStale()) {
        const end = Math.min(start + settings.maxBatchSize, batch.messages.length);
        const unsettled = await deliverChunk(settings, batch.partition, batch.messages, start, end, deliveryControl);
        if (unsettled === undefined) break;
        pending.push(unsettled);
        start = end;
      } else if (pending.length === 0) break;
      // Resolve what settled, in order; wait for the oldest when the pipeline is full or nothing is left to deliver.
      const mustWait = pending.length >= settings.maxUnsettledBatches || start >= batch.messages.length || !isRunning();
      while (pending.length > 0 && (pending[0]!.done || mustWait)) {
        const head = pending[0]!;
        await settledWithHeartbeats(head, heartbeat, settings.heartbeatIntervalMs);
        if (head.failed !== undefined) {
          for (const p of pending) await settledWithHeartbeats(p, heartbeat, settings.heartbeatIntervalMs);
          pending.length = 0;
          failures++;
          settings.logger.warn({ group: policy.group, topic: settings.physicalTopic, partition: batch.partition, offset: batch.messages[head.start]?.offset, attempt: failures, err: messageOf(head.failed) }, 'batch effects failed; delivering again from this batch');
          if (failures >= policy.maxAttempts) throw new ConsumerFailedError(policy.group, settings.physicalTopic, head.failed);
          await deliveryControl.pause(backoffMs(failures, policy.retryBaseMs, policy.retryMaxMs));
          start = head.start;
          break;
        }
        resolveOffset(head.lastOffset);
        pending.shift();
        failures = 0;
      }
      await heartbeat();
    }
    // Stopped mid-delivery: commit what settled, in order, up to the first failure.
    for (const head of pending) {
      await settledWithHeartbeats(head, heartbeat, settings.heartbeatIntervalMs);
      if (head.failed !== undefined) return;
      resolveOffset(head.lastOffset);
    }
  };
}

/** Delivers messages[start, end) of a fetched batch. */
async function deliverChunk(settings: KafkaBatchConsumerSettings, partition: number, messages: KafkaMessage[], start: number, end: number, control: DeliveryControl): Promise<Unsettled | undefined> {
  const { policy } = settings;
  const targets: DeliveryTarget[] = [];
  for (let i = start; i < end; i++) targets.push({ topic: settings.topic, partition, offset: messages[i]!.offset, message: messages[i]! });
  const result = await deliverBatch(targets, policy, control);
  if (result.kind === 'aborted') return undefined;
  await Promise.all(
    result.deadLetters.map((letter) => {
      const target = targets[letter.index]!;
      const origin = { topic: settings.physicalTopic, partition, offset: target.offset, group: policy.group, attempts: letter.attempts, reason: letter.reason };
      settings.logger.warn({ group: policy.group, topic: settings.physicalTopic, partition, offset: target.offset, reason: letter.reason }, 'event dead-lettered');
      return settings.publisher.send(settings.dlqTopic, buildDeadLetter(target.message, origin));
    }),
  );
  const unsettled: Unsettled = { start, lastOffset: messages[end - 1]!.offset, done: result.settled === undefined, settled: Promise.resolve() };
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
