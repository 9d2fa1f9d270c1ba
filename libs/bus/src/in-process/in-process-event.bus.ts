import { createEnvelope, encodeKafkaMessage, isTopicName, type TopicName, type WireMessage } from '@dms/contracts';
import { silentLogger, type BusLogger } from '../bus-logger';
import { BusClosedError, UnknownTopicError } from '../bus.errors';
import { buildDeadLetter, type DeadLetterRecord } from '../delivery/dead-letter';
import { defaultDlqTopic } from '../delivery/delivery.defaults';
import type { ProcessedEventLog, Subscription } from '../event-bus.port';
import { batchSubscriptionPolicy, subscriptionPolicy } from '../delivery/subscription-policy';
import { DEFAULT_MAX_BATCH_SIZE, type BatchEventBus, type SubscribeBatchOptions } from '../batch/batch-subscription.port';
import type { SubscribeOptions } from '../event-bus.port';
import type { GroupMember } from './in-process-group';
import { InProcessGroup } from './in-process-group';
import type { InProcessJournal } from './in-process-journal';
import { InProcessTopics } from './in-process-topics';
import type { StoredRecord } from './partitioned-log';

export interface InProcessEventBusOptions {
  /** Producer URI for `ce_source`, e.g. `/services/hlr-detector`. */
  source: string;
  /** Partitions per topic; default 4 (as the Kafka test broker). Must not change while a journal holds records. */
  partitions?: number;
  processedLog?: ProcessedEventLog;
  logger?: BusLogger;
  dlqTopicFor?: (group: string) => string;
  /** Durability across restarts; without it unconsumed events live only in memory. */
  journal?: InProcessJournal;
  /**
   * Records kept per partition once every group has read them, for late `fromBeginning`
   * subscribers; older ones are dropped (Kafka's retention, counted in records). Default 10,000.
   */
  retainRecords?: number;
}

/** Beyond the port: raw input for header-less external records, and a view of dead letters. */
export interface InProcessEventBus extends BatchEventBus {
  /** Appends bytes as an external producer would (an HLR file import); validated only on consume. */
  publishRaw(topic: TopicName, message: { key: string | null; value: Buffer | string; headers?: Record<string, string> }): Promise<void>;
  deadLetters(group: string): readonly DeadLetterRecord[];
}

/**
 * The event bus of embedded mode: Kafka's model (partitioned logs, consumer groups,
 * committed offsets) in process memory, with the same codec, validation, retry, dead-letter
 * and idempotency code as the Kafka adapter.
 */
export function createInProcessEventBus(options: InProcessEventBusOptions): InProcessEventBus {
  const partitions = options.partitions ?? 4;
  const logger = options.logger ?? silentLogger;
  const dlqTopicFor = options.dlqTopicFor ?? defaultDlqTopic;
  const journal = options.journal;
  const groups = new Map<string, InProcessGroup>();
  const subscriptions = new Set<Subscription>();
  let closed = false;
  let nextMemberId = 1;
  const topics = new InProcessTopics({
    partitions,
    retainRecords: options.retainRecords ?? 10_000,
    journal,
    logger,
    lowestCommitted: (topic, partition) => {
      let lowest: number | undefined;
      for (const group of groups.values()) if (group.topic === topic) lowest = Math.min(lowest ?? Infinity, group.committed(partition));
      return lowest;
    },
  });
  let restoredCommits = new Map<string, number[]>();
  const loaded = topics.restore().then((commits) => void (restoredCommits = commits));
  const append = (topic: string, record: StoredRecord) => topics.append(topic, record);

  function groupOf(topic: TopicName, name: string, fromBeginning: boolean): InProcessGroup {
    const key = `${topic}\u0000${name}`;
    let group = groups.get(key);
    if (group) return group;
    const log = topics.log(topic);
    const restored = restoredCommits.get(key) ?? [];
    const offsets = Array.from({ length: partitions }, (_, p) => restored[p] ?? (fromBeginning ? log.startOffset(p) : log.endOffset(p)));
    group = new InProcessGroup(topic, name, log, offsets, {
      commit: async (partition, offset) => {
        await journal?.commit({ topic, group: name, partition, offset });
      },
      deadLetter: async (partition, offset, attempts, reason) => {
        const record = log.read(partition, offset);
        if (!record) return;
        const letter = buildDeadLetter(record as WireMessage, { topic, partition, offset: String(offset), group: name, attempts, reason });
        logger.warn({ group: name, topic, partition, offset, reason }, 'event dead-lettered');
        await append(dlqTopicFor(name), { key: letter.key?.toString() ?? null, value: letter.value, headers: letter.headers, timestamp: Date.now() });
      },
    });
    groups.set(key, group);
    return group;
  }

  async function join<T extends TopicName>(subscribeOptions: SubscribeOptions<T> | SubscribeBatchOptions<T>, memberOf: (id: number) => GroupMember): Promise<Subscription> {
    if (closed) throw new BusClosedError('subscribe');
    await loaded;
    const { topic, group: groupName } = subscribeOptions;
    if (!isTopicName(topic)) throw new UnknownTopicError(String(topic));
    const group = groupOf(topic, groupName, subscribeOptions.fromBeginning ?? true);
    const member = memberOf(nextMemberId++);
    await group.join(member);
    let closing: Promise<void> | undefined;
    const subscription: Subscription = {
      topic,
      group: groupName,
      close: () => {
        closing ??= group.leave(member).then(() => void subscriptions.delete(subscription));
        return closing;
      },
    };
    subscriptions.add(subscription);
    return subscription;
  }

  return {
    async publish(topic, data, publishOptions = {}) {
      if (closed) throw new BusClosedError('publish');
      await loaded;
      const envelope = createEnvelope(topic, data, { ...publishOptions, source: options.source });
      const encoded = encodeKafkaMessage(topic, envelope, publishOptions.key);
      await append(topic, { ...encoded, timestamp: Date.now() });
      return envelope;
    },

    async publishRaw(topic, message) {
      if (closed) throw new BusClosedError('publish');
      await loaded;
      const value = typeof message.value === 'string' ? Buffer.from(message.value) : message.value;
      await append(topic, { key: message.key, value, headers: message.headers ?? {}, timestamp: Date.now() });
    },

    subscribe(subscribeOptions) {
      return join(subscribeOptions, (id) => ({ id, policy: subscriptionPolicy(subscribeOptions, options.processedLog, logger) }));
    },

    subscribeBatch(subscribeOptions) {
      return join(subscribeOptions, (id) => {
        const policy = batchSubscriptionPolicy(subscribeOptions, options.processedLog, logger);
        return { id, policy: { ...policy, handler: async () => {} }, batch: { policy, maxBatchSize: subscribeOptions.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE } };
      });
    },

    deadLetters(group) {
      return topics.records(dlqTopicFor(group));
    },

    async ready() {
      await loaded;
      return !closed;
    },

    async close() {
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
    },
  };
}
