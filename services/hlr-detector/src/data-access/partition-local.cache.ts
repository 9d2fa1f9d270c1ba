import type { KnownState, StreamPosition } from '../domain/detection.ports';

interface Entry {
  known: KnownState;
  partition: number;
}

/**
 * Subscriber states held in process memory, so that the common case (a known handset seen
 * again) costs no round trip. An entry is only as good as the guarantee that nobody else
 * changed the subscriber meanwhile. Kafka gives it while this instance reads a partition
 * without gaps: subscribers are partitioned by MSISDN and a partition has one reader per
 * group. So every partition's next expected offset is tracked, and any gap or step back
 * (a rebalance gave the partition to another member for a while, or a redelivery) drops
 * the partition's entries. An entry is also used only for messages of the partition it
 * was filled from (a producer that does not key by MSISDN spreads a subscriber over
 * partitions). Bounded, least recently used out first.
 */
export class PartitionLocalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly nextOffset = new Map<number, bigint>();

  constructor(private readonly maxEntries: number) {}

  get enabled(): boolean {
    return this.maxEntries > 0;
  }

  /** Call before handling the message at `position`. */
  enter(position: StreamPosition): void {
    if (!this.enabled) return;
    const expected = this.nextOffset.get(position.partition);
    const offset = BigInt(position.offset);
    if (expected !== undefined && expected !== offset) this.dropPartition(position.partition);
  }

  /** Call after the message at `position` was handled. */
  leave(position: StreamPosition): void {
    if (!this.enabled) return;
    this.nextOffset.set(position.partition, BigInt(position.offset) + 1n);
  }

  get(msisdn: string, position: StreamPosition): KnownState | undefined {
    const entry = this.entries.get(msisdn);
    if (entry === undefined || entry.partition !== position.partition) return undefined;
    this.entries.delete(msisdn);
    this.entries.set(msisdn, entry);
    return entry.known;
  }

  set(known: KnownState, position: StreamPosition): void {
    if (!this.enabled) return;
    const msisdn = known.state.msisdn;
    this.entries.delete(msisdn);
    this.entries.set(msisdn, { known, partition: position.partition });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  delete(msisdn: string): void {
    this.entries.delete(msisdn);
  }

  get size(): number {
    return this.entries.size;
  }

  private dropPartition(partition: number): void {
    for (const [msisdn, entry] of this.entries)
      if (entry.partition === partition) this.entries.delete(msisdn);
    this.nextOffset.delete(partition);
  }
}
