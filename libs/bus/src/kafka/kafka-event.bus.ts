import { createEnvelope, encodeKafkaMessage, isTopicName } from '@dms/contracts';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { silentLogger } from '../bus-logger';
import { BusClosedError, UnknownTopicError } from '../bus.errors';
import { batchSubscriptionPolicy, subscriptionPolicy } from '../delivery/subscription-policy';
import { DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_UNSETTLED_BATCHES, type BatchEventBus, type SubscribeBatchOptions } from '../batch/batch-subscription.port';
import type { SubscribeOptions, Subscription } from '../event-bus.port';
import type { BatchDeliveryPolicy } from '../delivery/deliver-batch';
import type { TopicName } from '@dms/contracts';
import { createTopicsRetrying } from './kafka-topics';
import type { KafkaEventBusOptions } from './kafka-event-bus.options';
import { kafkaLogCreator } from './kafka-log.bridge';
import { KafkaPublisher } from './kafka-publisher';
import { startKafkaSubscription } from './kafka-subscription';

export type { KafkaEventBusOptions } from './kafka-event-bus.options';

/** The event bus of distributed mode: kafkajs, CloudEvents headers, one consumer per subscription. */
export function createKafkaEventBus(options: KafkaEventBusOptions): BatchEventBus {
  const logger = options.logger ?? silentLogger;
  const prefix = options.topicPrefix ?? '';
  const dlqTopicFor = options.dlqTopicFor ?? ((group: string) => `${prefix}dlq.${group}`);
  const kafka = new Kafka({ logLevel: logLevel.WARN, ...options.kafka, brokers: options.brokers, clientId: options.clientId, logCreator: kafkaLogCreator(logger) });
  const idempotent = options.producer?.idempotent ?? true;
  // Idempotence needs acks=all (set per request) and, in kafkajs, one request in flight.
  const producer: Producer = kafka.producer({ idempotent, maxInFlightRequests: idempotent ? 1 : 5, allowAutoTopicCreation: true });
  const publisher = new KafkaPublisher(producer, options.producer?.lingerMs ?? 0, options.producer?.maxBatchSize ?? 1000);
  const consumerOptions = options.consumer ?? {};
  const subscriptions = new Set<Subscription>();
  let connecting: Promise<void> | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  let admin: Admin | undefined;
  const knownDlqTopics = new Set<string>();

  /** Dead-letter topics exist before the first poison event, also where auto-creation is off. */
  async function ensureTopic(topic: string): Promise<void> {
    if (knownDlqTopics.has(topic) || options.createDlqTopics === false) return;
    if (!admin) {
      admin = kafka.admin();
      await admin.connect();
    }
    await createTopicsRetrying(admin, [{ topic }]);
    knownDlqTopics.add(topic);
  }

  function connect(): Promise<void> {
    connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  }

  async function subscribeWith<T extends TopicName>(
    subscribeOptions: SubscribeOptions<T> | SubscribeBatchOptions<T>,
    single: ReturnType<typeof subscriptionPolicy> | undefined,
    batch?: { policy: BatchDeliveryPolicy; maxBatchSize: number; maxUnsettledBatches: number },
  ): Promise<Subscription> {
    if (closed) throw new BusClosedError('subscribe');
    const { topic } = subscribeOptions;
    if (!isTopicName(topic)) throw new UnknownTopicError(String(topic));
    // Dead letters go through the producer, so it must be up before the first event arrives.
    await connect();
    const dlqTopic = dlqTopicFor(subscribeOptions.group);
    await ensureTopic(dlqTopic);
    const heartbeatIntervalMs = consumerOptions.heartbeatIntervalMs ?? 3000;
    const subscription = await startKafkaSubscription({
      kafka,
      topic,
      physicalTopic: prefix + topic,
      // Kafka assigns a group's partitions across every topic its members subscribe to: two
      // environments (or test runs) with one group name would take each other's partitions.
      groupId: prefix + subscribeOptions.group,
      dlqTopic,
      fromBeginning: subscribeOptions.fromBeginning ?? true,
      policy: single ?? { ...batch!.policy, handler: async () => {} },
      ...(batch === undefined ? {} : { batch }),
      publisher,
      logger,
      sessionTimeoutMs: consumerOptions.sessionTimeoutMs ?? 30_000,
      heartbeatIntervalMs,
      rebalanceTimeoutMs: consumerOptions.rebalanceTimeoutMs ?? 60_000,
      maxWaitTimeMs: consumerOptions.maxWaitTimeMs ?? 500,
      maxBytesPerPartition: consumerOptions.maxBytesPerPartition ?? 4 * 1024 * 1024,
      maxBytes: consumerOptions.maxBytes ?? 32 * 1024 * 1024,
      partitionsConsumedConcurrently: consumerOptions.partitionsConsumedConcurrently ?? 4,
      joinTimeoutMs: consumerOptions.joinTimeoutMs ?? 60_000,
      restartDelayMs: consumerOptions.restartDelayMs ?? 1000,
      onClosed: (closedSubscription) => subscriptions.delete(closedSubscription),
    });
    subscriptions.add(subscription);
    return subscription;
  }

  return {
    async publish(topic, data, publishOptions = {}) {
      if (closed) throw new BusClosedError('publish');
      const envelope = createEnvelope(topic, data, { ...publishOptions, source: options.source });
      const encoded = encodeKafkaMessage(topic, envelope, publishOptions.key);
      await connect();
      await publisher.send(prefix + topic, encoded);
      return envelope;
    },

    subscribe(subscribeOptions) {
      return subscribeWith(subscribeOptions, subscriptionPolicy(subscribeOptions, options.processedLog, logger));
    },

    subscribeBatch(subscribeOptions) {
      const policy = batchSubscriptionPolicy(subscribeOptions, options.processedLog, logger);
      return subscribeWith(subscribeOptions, undefined, {
        policy,
        maxBatchSize: subscribeOptions.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE,
        maxUnsettledBatches: subscribeOptions.maxUnsettledBatches ?? DEFAULT_MAX_UNSETTLED_BATCHES,
      });
    },

    async ready() {
      if (closed) return false;
      try {
        await connect();
        return true;
      } catch (error) {
        logger.warn({ err: String(error) }, 'kafka producer not connected');
        return false;
      }
    },

    close() {
      closed = true;
      closing ??= (async () => {
        await Promise.all([...subscriptions].map((subscription) => subscription.close()));
        await publisher.flush();
        await producer.disconnect();
        await admin?.disconnect();
      })();
      return closing;
    },
  };
}
