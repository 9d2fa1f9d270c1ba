import type { TopicName } from '@dms/contracts';
import type { EachBatchPayload } from 'kafkajs';
import type { BusLogger } from '../bus-logger';
import { buildDeadLetter } from '../delivery/dead-letter';
import { deliverBatch, type BatchDeliveryPolicy } from '../delivery/deliver-batch';
import type { DeliveryControl, DeliveryTarget } from '../delivery/deliver-message';
import type { KafkaPublisher } from './kafka-publisher';

export interface KafkaBatchConsumerSettings {
  topic: TopicName;
  physicalTopic: string;
  dlqTopic: string;
  policy: BatchDeliveryPolicy;
  maxBatchSize: number;
  publisher: KafkaPublisher;
  logger: BusLogger;
}

/**
 * kafkajs eachBatch for a batch subscription: the fetched records of a partition go to the
 * handler in chunks of at most maxBatchSize; after each chunk its dead letters are written
 * (awaited: a dead letter that cannot be written fails the batch and it is redelivered) and
 * its last offset is resolved, so the commit kafkajs makes never covers an unfinished chunk.
 */
export function kafkaBatchConsumer(settings: KafkaBatchConsumerSettings, control: (payload: EachBatchPayload) => DeliveryControl) {
  const { policy, logger } = settings;
  return async (payload: EachBatchPayload): Promise<void> => {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    const deliveryControl = control(payload);
    for (let start = 0; start < batch.messages.length; start += settings.maxBatchSize) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + settings.maxBatchSize);
      const targets: DeliveryTarget[] = chunk.map((message) => ({ topic: settings.topic, partition: batch.partition, offset: message.offset, message }));
      const result = await deliverBatch(targets, policy, deliveryControl);
      if (result.kind === 'aborted') return;
      await Promise.all(
        result.deadLetters.map((letter) => {
          const target = targets[letter.index]!;
          const origin = { topic: settings.physicalTopic, partition: batch.partition, offset: target.offset, group: policy.group, attempts: letter.attempts, reason: letter.reason };
          logger.warn({ group: policy.group, topic: settings.physicalTopic, partition: batch.partition, offset: target.offset, reason: letter.reason }, 'event dead-lettered');
          return settings.publisher.send(settings.dlqTopic, buildDeadLetter(target.message, origin));
        }),
      );
      resolveOffset(chunk[chunk.length - 1]!.offset);
      await heartbeat();
    }
  };
}
