import type { StoredRecord } from './partitioned-log';

/**
 * Optional durability for the in-process bus (embedded mode): without it, events published
 * but not yet consumed are lost when the process stops. The bus calls `append` before
 * publish() resolves and `commit` after each handled record, and replays `load()` at start,
 * so a restart resumes every group at its committed offset. An SQLite implementation (one
 * table of records, one of commits, in the embedded data directory) belongs in @dms/store;
 * the memory journal below is for tests and for simulating a restart.
 */
export interface InProcessJournal {
  load(): Promise<JournalSnapshot>;
  append(entry: JournalRecord): Promise<void>;
  commit(entry: JournalCommit): Promise<void>;
  /** Records below `offset` are consumed by every group; the journal may delete them. */
  trim?(topic: string, partition: number, offset: number): Promise<void>;
}

export interface JournalRecord {
  topic: string;
  partition: number;
  offset: number;
  record: StoredRecord;
}

export interface JournalCommit {
  topic: string;
  group: string;
  partition: number;
  /** The next offset the group will read. */
  offset: number;
}

/** What a restarted bus replays. The partition count must stay the same while records remain. */
export interface JournalSnapshot {
  records: readonly JournalRecord[];
  commits: readonly JournalCommit[];
}

/** A journal that outlives bus instances within one process: enough to prove restart semantics. */
export function createMemoryJournal(): InProcessJournal & { readonly size: number } {
  const records: JournalRecord[] = [];
  const commits = new Map<string, JournalCommit>();
  return {
    get size() {
      return records.length;
    },
    async load() {
      return { records: [...records], commits: [...commits.values()] };
    },
    async append(entry) {
      records.push(entry);
    },
    async commit(entry) {
      commits.set(`${entry.topic}\u0000${entry.group}\u0000${entry.partition}`, entry);
    },
  };
}
