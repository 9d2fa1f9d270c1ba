import type { BusLogger } from '../bus-logger';
import type { DeadLetterRecord } from '../delivery/dead-letter';
import type { InProcessJournal } from './in-process-journal';
import { PartitionedLog, type StoredRecord } from './partitioned-log';

export interface InProcessTopicsOptions {
  partitions: number;
  retainRecords: number;
  journal: InProcessJournal | undefined;
  logger: BusLogger;
  /** The lowest offset some group still needs in a partition (retention must not pass it). */
  lowestCommitted: (topic: string, partition: number) => number | undefined;
}

/**
 * The topics of the in-process bus: a partitioned log per topic, written through the
 * optional journal, trimmed like Kafka's retention (counted in records, never past what a
 * group still has to read), and restored from the journal at start.
 */
export class InProcessTopics {
  private readonly logs = new Map<string, PartitionedLog>();
  private journalTail: Promise<void> = Promise.resolve();

  constructor(private readonly options: InProcessTopicsOptions) {}

  log(topic: string): PartitionedLog {
    let log = this.logs.get(topic);
    if (!log) this.logs.set(topic, (log = new PartitionedLog(this.options.partitions)));
    return log;
  }

  append(topic: string, record: StoredRecord): Promise<void> {
    const { journal } = this.options;
    const log = this.log(topic);
    const partition = log.partitionFor(record.key);
    if (!journal) {
      log.append(partition, record);
      this.trim(topic, log, partition);
      return Promise.resolve();
    }
    // Journal first, one record at a time: publish() resolves once the record would survive
    // a restart, and offsets are handed out in journal order.
    const appended = this.journalTail.then(async () => {
      await journal.append({ topic, partition, offset: log.endOffset(partition), record });
      log.append(partition, record);
      this.trim(topic, log, partition);
    });
    this.journalTail = appended.catch(() => undefined);
    return appended;
  }

  /** Replays the journal; returns the committed offsets by `topic \0 group`. */
  async restore(): Promise<Map<string, number[]>> {
    const commits = new Map<string, number[]>();
    if (!this.options.journal) return commits;
    const snapshot = await this.options.journal.load();
    for (const entry of snapshot.records) this.log(entry.topic).append(entry.partition, entry.record, entry.offset);
    for (const commit of snapshot.commits) {
      const key = `${commit.topic}\u0000${commit.group}`;
      const offsets = commits.get(key) ?? [];
      offsets[commit.partition] = commit.offset;
      commits.set(key, offsets);
    }
    return commits;
  }

  /** Every record of a topic (a dead-letter topic, in practice), partition by partition. */
  records(topic: string): DeadLetterRecord[] {
    const log = this.logs.get(topic);
    if (!log) return [];
    const out: DeadLetterRecord[] = [];
    for (let p = 0; p < log.partitionCount; p++) {
      for (let o = log.startOffset(p); o < log.endOffset(p); o++) {
        const record = log.read(p, o);
        if (record) out.push({ key: record.key === null ? null : Buffer.from(record.key), value: record.value, headers: { ...record.headers } });
      }
    }
    return out;
  }

  private trim(topic: string, log: PartitionedLog, partition: number): void {
    const { retainRecords, journal, logger } = this.options;
    const end = log.endOffset(partition);
    if (end - log.startOffset(partition) <= 2 * retainRecords) return;
    const below = Math.min(end - retainRecords, this.options.lowestCommitted(topic, partition) ?? Infinity);
    log.trimBelow(partition, below);
    void journal?.trim?.(topic, partition, below).catch((error: unknown) => logger.warn({ topic, partition, err: String(error) }, 'journal trim failed'));
  }
}
