import type { InProcessJournal, JournalCommit, JournalRecord } from '@dms/bus';
import type { DocumentStore } from '@dms/store';

interface RecordDocument {
  _id: string;
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  /** base64 of the record's bytes; null for a tombstone. */
  value: string | null;
  headers: Record<string, string>;
  timestamp: number;
}

interface CommitDocument extends JournalCommit {
  _id: string;
}

const RECORDS = 'bus_records';
const COMMITS = 'bus_commits';

/**
 * The in-process bus's journal kept in a DocumentStore (the embedded SQLite file
 * `bus-journal.sqlite`): every record appended before publish() resolves, every group's
 * committed offset, and the records every group has read deleted on trim. A restart
 * replays it, so events published but not yet consumed are delivered after the restart.
 */
export async function createStoreBusJournal(store: DocumentStore): Promise<InProcessJournal> {
  const records = store.collection<RecordDocument>(RECORDS);
  const commits = store.collection<CommitDocument>(COMMITS);
  await records.ensureIndex({ fields: { topic: 1, partition: 1, offset: 1 }, name: 'position' });

  return {
    async load() {
      const stored = await records.find({}, { sort: { topic: 1, partition: 1, offset: 1 } });
      const positions = await commits.find({});
      return {
        records: stored.map(toJournalRecord),
        commits: positions.map(({ topic, group, partition, offset }) => ({
          topic,
          group,
          partition,
          offset,
        })),
      };
    },
    async append({ topic, partition, offset, record }) {
      await records.put({
        _id: `${topic}/${partition}/${offset}`,
        topic,
        partition,
        offset,
        key: record.key,
        value: record.value === null ? null : record.value.toString('base64'),
        headers: { ...record.headers },
        timestamp: record.timestamp,
      });
    },
    async commit(entry) {
      await commits.put({ _id: `${entry.topic}/${entry.group}/${entry.partition}`, ...entry });
    },
    async trim(topic, partition, offset) {
      await records.deleteMany({ topic, partition, offset: { $lt: offset } });
    },
  };
}

function toJournalRecord(doc: RecordDocument): JournalRecord {
  return {
    topic: doc.topic,
    partition: doc.partition,
    offset: doc.offset,
    record: {
      key: doc.key,
      value: doc.value === null ? null : Buffer.from(doc.value, 'base64'),
      headers: doc.headers,
      timestamp: doc.timestamp,
    },
  };
}
