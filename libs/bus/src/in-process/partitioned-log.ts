import { PartitionOutOfRangeError } from '../bus.errors';

/** One record as the in-process bus stores it: the same bytes and headers Kafka would hold. */
export interface StoredRecord {
  readonly key: string | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp: number;
}

interface Partition {
  /** Offset of records[0]; grows when old records are trimmed. */
  base: number;
  records: StoredRecord[];
  waiters: Set<() => void>;
}

/**
 * An append-only log split into partitions, like one Kafka topic: offsets per partition,
 * key -> partition by hash so one key keeps its order, readers woken on append.
 */
export class PartitionedLog {
  private readonly parts: Partition[];
  private roundRobin = 0;

  constructor(readonly partitionCount: number) {
    this.parts = Array.from({ length: partitionCount }, () => ({ base: 0, records: [], waiters: new Set() }));
  }

  partitionFor(key: string | null): number {
    if (key === null) return this.roundRobin++ % this.partitionCount;
    return fnv1a(key) % this.partitionCount;
  }

  /** Appends and returns the record's offset. `atOffset` restores a persisted record. */
  append(partition: number, record: StoredRecord, atOffset?: number): number {
    const part = this.part(partition);
    if (atOffset !== undefined && part.records.length === 0) part.base = atOffset;
    part.records.push(record);
    const offset = part.base + part.records.length - 1;
    const waiters = [...part.waiters];
    part.waiters.clear();
    for (const wake of waiters) wake();
    return offset;
  }

  read(partition: number, offset: number): StoredRecord | undefined {
    const part = this.part(partition);
    return part.records[offset - part.base];
  }

  startOffset(partition: number): number {
    return this.part(partition).base;
  }

  endOffset(partition: number): number {
    const part = this.part(partition);
    return part.base + part.records.length;
  }

  /** Resolves on the next append to the partition, or when `cancel` is called. */
  waitForAppend(partition: number): { promise: Promise<void>; cancel: () => void } {
    const part = this.part(partition);
    let wake!: () => void;
    const promise = new Promise<void>((resolve) => {
      wake = resolve;
    });
    part.waiters.add(wake);
    return {
      promise,
      cancel: () => {
        part.waiters.delete(wake);
        wake();
      },
    };
  }

  /** Drops records below `offset` (all groups are past them). */
  trimBelow(partition: number, offset: number): void {
    const part = this.part(partition);
    const drop = Math.min(offset - part.base, part.records.length);
    if (drop <= 0) return;
    part.records.splice(0, drop);
    part.base += drop;
  }

  private part(partition: number): Partition {
    const part = this.parts[partition];
    if (!part) throw new PartitionOutOfRangeError(partition, this.partitionCount);
    return part;
  }
}

/** FNV-1a, 32 bit: cheap and stable across runs, so a key keeps its partition after a restart. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
