import { createEnvelope, encodeKafkaMessage, isTopicName, type TopicName, type WireMessage } from '@dms/contracts';
import { silentLogger, type BusLogger } from '../bus-logger';
import { BusClosedError, UnknownTopicError } from '../bus.errors';
import { buildDeadLetter, type DeadLetterRecord } from '../delivery/dead-letter';
import { defaultDlqTopic } from '../delivery/delivery.defaults';
import type { EventBus, ProcessedEventLog, Subscription } from '../event-bus.port';
import { subscriptionPolicy } from '../delivery/subscription-policy';
import { InProcessGroup } from './in-process-group';
import type { InProcessJournal } from './in-process-journal';
import { PartitionedLog, type StoredRecord } from './partitioned-log';

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
export interface InProcessEventBus extends EventBus {
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
  const logs = new Map<string, PartitionedLog>();
  const groups = new Map<string, InProcessGroup>();
  const restoredCommits = new Map<string, number[]>();
  const subscriptions = new Set<Subscription>();
  let closed = false;
  let nextMemberId = 1;
  const loaded = journal ? restore(journal) : Promise.resolve();

  function logOf(topic: string): PartitionedLog {
    let log = logs.get(topic);
    if (!log) logs.set(topic, (log = new PartitionedLog(partitions)));
    return log;
  }

  const retainRecords = options.retainRecords ?? 10_000;
  let journalTail: Promise<void> = Promise.resolve();

  function append(topic: string, record: StoredRecord): Promise<void> {
    const log = logOf(topic);
    const partition = log.partitionFor(record.key);
    if (!journal) {
      log.append(partition, record);
      trim(topic, log, partition);
      return Promise.resolve();
    }
    // Journal first, one record at a time: publish() resolves once the record would survive
    // a restart, and offsets are handed out in journal order.
    const appended = journalTail.then(async () => {
      await journal.append({ topic, partition, offset: log.endOffset(partition), record });
      log.append(partition, record);
      trim(topic, log, partition);
    });
    journalTail = appended.catch(() => undefined);
    return appended;
  }

  function trim(topic: string, log: PartitionedLog, partition: number): void {
    const end = log.endOffset(partition);
    if (end - log.startOffset(partition) <= 2 * retainRecords) return;
    let below = end - retainRecords;
    for (const group of groups.values()) if (group.topic === topic) below = Math.min(below, group.committed(partition));
    log.trimBelow(partition, below);
    void journal?.trim?.(topic, partition, below).catch((error: unknown) => logger.warn({ topic, partition, err: String(error) }, 'journal trim failed'));
  }

  async function restore(source: InProcessJournal): Promise<void> {
    const snapshot = await source.load();
    for (const entry of snapshot.records) logOf(entry.topic).append(entry.partition, entry.record, entry.offset);
    for (const commit of snapshot.commits) {
      const key = `${commit.topic}\u0000${commit.group}`;
      const offsets = restoredCommits.get(key) ?? [];
      offsets[commit.partition] = commit.offset;
      restoredCommits.set(key, offsets);
    }
  }

  function groupOf(topic: TopicName, name: string, fromBeginning: boolean): InProcessGroup {
    const key = `${topic}\u0000${name}`;
    let group = groups.get(key);
    if (group) return group;
    const log = logOf(topic);
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

    async subscribe(subscribeOptions) {
      if (closed) throw new BusClosedError('subscribe');
      await loaded;
      const { topic, group: groupName } = subscribeOptions;
      if (!isTopicName(topic)) throw new UnknownTopicError(String(topic));
      const group = groupOf(topic, groupName, subscribeOptions.fromBeginning ?? true);
      const member = { id: nextMemberId++, policy: subscriptionPolicy(subscribeOptions, options.processedLog, logger) };
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
    },

    deadLetters(group) {
      const log = logs.get(dlqTopicFor(group));
      if (!log) return [];
      const letters: DeadLetterRecord[] = [];
      for (let p = 0; p < log.partitionCount; p++) {
        for (let o = log.startOffset(p); o < log.endOffset(p); o++) {
          const record = log.read(p, o);
          if (record) letters.push({ key: record.key === null ? null : Buffer.from(record.key), value: record.value, headers: { ...record.headers } });
        }
      }
      return letters;
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
