import type { TopicName } from '@dms/contracts';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { BusLogger } from '../bus-logger';
import { ConsumerFailedError, messageOf } from '../bus.errors';
import { buildDeadLetter } from '../delivery/dead-letter';
import type { BatchDeliveryPolicy } from '../delivery/deliver-batch';
import { deliverMessage, type DeliveryControl, type DeliveryPolicy } from '../delivery/deliver-message';
import { kafkaBatchConsumer } from './kafka-batch.consumer';
import type { Subscription } from '../event-bus.port';
import { subscribeWhenTopicExists, withTimeout } from './kafka-consumer.helpers';
import type { KafkaPublisher } from './kafka-publisher';

export interface KafkaSubscriptionSettings {
  kafka: Kafka;
  topic: TopicName;
  physicalTopic: string;
  /** The Kafka group id: the topic prefix + the group, so environments sharing a broker never share a group. */
  groupId: string;
  dlqTopic: string;
  fromBeginning: boolean;
  policy: DeliveryPolicy;
  /** Set for a batch subscription: `policy` then only names the group, `batch` delivers. */
  batch?: { policy: BatchDeliveryPolicy; maxBatchSize: number; maxUnsettledBatches: number };
  publisher: KafkaPublisher;
  logger: BusLogger;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
  maxWaitTimeMs: number;
  maxBytesPerPartition: number;
  maxBytes: number;
  partitionsConsumedConcurrently: number;
  joinTimeoutMs: number;
  restartDelayMs: number;
  onClosed: (subscription: Subscription) => void;
}

/**
 * One consumer in one group on one topic. Per event: offsets are resolved one by one after
 * each event's outcome (handled, duplicate or dead-lettered) and committed by kafkajs at the
 * end of every batch. Batch subscriptions commit themselves as their effects settle
 * (kafka-batch.consumer.ts). Either way a commit never covers an event whose effect did not
 * happen. If kafkajs crashes the consumer without restarting it, the consumer is rebuilt.
 */
export async function startKafkaSubscription(settings: KafkaSubscriptionSettings): Promise<Subscription> {
  const { policy, logger } = settings;
  const log = { group: policy.group, topic: settings.physicalTopic };
  let consumer: Consumer | undefined;
  let closing: Promise<void> | undefined;
  let restartDelay = settings.restartDelayMs;
  let restartTimer: NodeJS.Timeout | undefined;

  const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: EachBatchPayload) => {
    // Offsets are resolved lazily (resolving parses a Long each time, visible in profiles);
    // `done` is the last offset whose outcome is final, resolved before any exit or commit.
    let done: string | undefined;
    const resolveDone = () => {
      if (done !== undefined) resolveOffset(done);
      done = undefined;
    };
    let lastBeat = Date.now();
    const control: DeliveryControl = {
      isActive: () => isRunning() && !isStale(),
      pause: async (ms) => {
        resolveDone();
        await commitOffsetsIfNecessary();
        const until = Date.now() + ms;
        while (Date.now() < until && isRunning()) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(until - Date.now(), settings.heartbeatIntervalMs)));
          await heartbeat();
        }
      },
    };
    try {
      let stale = false;
      for (const message of batch.messages) {
        // isStale() (a seek happened) is checked on the heartbeat cadence only: it showed in profiles.
        if (stale || !isRunning()) break;
        const outcome = await deliverMessage({ topic: settings.topic, partition: batch.partition, offset: message.offset, message }, policy, control);
        if (outcome.kind === 'aborted') break;
        if (outcome.kind === 'dead-letter') {
          const origin = { topic: settings.physicalTopic, partition: batch.partition, offset: message.offset, group: policy.group, attempts: outcome.attempts, reason: outcome.reason };
          logger.warn({ ...log, partition: batch.partition, offset: message.offset, reason: outcome.reason }, 'event dead-lettered');
          // Awaited: if the dead letter cannot be written, the batch fails and the event is redelivered.
          await settings.publisher.send(settings.dlqTopic, buildDeadLetter(message, origin));
        }
        done = message.offset;
        if (Date.now() - lastBeat >= settings.heartbeatIntervalMs) {
          resolveDone();
          await heartbeat();
          lastBeat = Date.now();
          stale = isStale();
        }
      }
    } finally {
      // Also on a throw: kafkajs then commits what is resolved, which is exactly what is done.
      resolveDone();
    }
  };

  // A retry wait keeps the group session alive (commits are the batch consumer's own, as effects settle).
  const batchControl = ({ heartbeat, isRunning, isStale }: EachBatchPayload): DeliveryControl => ({
    isActive: () => isRunning() && !isStale(),
    pause: async (ms) => {
      const until = Date.now() + ms;
      while (Date.now() < until && isRunning()) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(until - Date.now(), settings.heartbeatIntervalMs)));
        await heartbeat();
      }
    },
  });
  const batchWise =
    settings.batch &&
    kafkaBatchConsumer({ ...settings, ...settings.batch }, batchControl, {
      commit: async (offsets) => {
        const offsetsOf = offsets.map(({ partition, offset }) => ({ topic: settings.physicalTopic, partition, offset }));
        await consumer?.commitOffsets(offsetsOf);
      },
      seek: (partition, offset) => {
        try {
          consumer?.seek({ topic: settings.physicalTopic, partition, offset });
        } catch (error) {
          // Not running (restarting): the next run starts from the committed offsets, which lie before this one.
          logger.warn({ ...log, partition, offset, err: messageOf(error) }, 'could not seek back; the restart re-reads from the committed offset');
        }
      },
      pauseFetching: () => consumer?.pause([{ topic: settings.physicalTopic }]),
    });

  async function start(): Promise<void> {
    const current = settings.kafka.consumer({
      groupId: settings.groupId,
      sessionTimeout: settings.sessionTimeoutMs,
      heartbeatInterval: settings.heartbeatIntervalMs,
      rebalanceTimeout: settings.rebalanceTimeoutMs,
      maxWaitTimeInMs: settings.maxWaitTimeMs,
      maxBytesPerPartition: settings.maxBytesPerPartition,
      maxBytes: settings.maxBytes,
      allowAutoTopicCreation: true,
    });
    consumer = current;
    let joined!: () => void;
    const joinedOnce = new Promise<void>((resolve) => (joined = resolve));
    current.on(current.events.GROUP_JOIN, () => {
      // A new generation re-reads from the committed offsets: what the batch consumer had pending is delivered again.
      batchWise?.reset();
      joined();
    });
    current.on(current.events.CRASH, ({ payload }) => {
      logger.error({ ...log, err: messageOf(payload.error), restart: payload.restart }, 'kafka consumer crashed');
      if (!payload.restart && !closing && consumer === current) scheduleRestart(current);
    });
    await current.connect();
    await subscribeWhenTopicExists(current, settings);
    await current.run({
      // A batch subscription resolves offsets ahead of its settling effects and commits them itself.
      autoCommit: !batchWise,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: settings.partitionsConsumedConcurrently,
      eachBatch: batchWise ? batchWise.eachBatch : eachBatch,
    });
    await withTimeout(joinedOnce, settings.joinTimeoutMs, () => new ConsumerFailedError(policy.group, settings.physicalTopic, `no group join within ${settings.joinTimeoutMs} ms`));
    restartDelay = settings.restartDelayMs;
  }

  // kafkajs restarts retriable crashes itself; for the rest the subscription must not die silently.
  function scheduleRestart(crashed: Consumer): void {
    restartTimer = setTimeout(() => {
      restartTimer = undefined;
      void crashed
        .disconnect()
        .catch(() => undefined)
        .then(() => (closing ? undefined : start()))
        .catch((error: unknown) => {
          logger.error({ ...log, err: messageOf(error) }, 'kafka consumer restart failed; trying again');
          if (!closing && consumer) scheduleRestart(consumer);
        });
    }, restartDelay);
    restartDelay = Math.min(restartDelay * 2, 30_000);
  }

  const subscription: Subscription = {
    topic: settings.topic,
    group: policy.group,
    close() {
      closing ??= (async () => {
        clearTimeout(restartTimer);
        // A batch subscription first lets its pending effects settle and commits them.
        await batchWise?.drain();
        // disconnect() stops fetching, lets the running batch finish, commits its resolved offsets, leaves the group.
        await consumer?.disconnect();
        settings.onClosed(subscription);
      })();
      return closing;
    },
  };
  try {
    await start();
  } catch (error) {
    await consumer?.disconnect().catch(() => undefined);
    throw error instanceof ConsumerFailedError ? error : new ConsumerFailedError(policy.group, settings.physicalTopic, error);
  }
  return subscription;
}
