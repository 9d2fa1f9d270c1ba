import type {
  BatchSubscriberStates,
  KnownState,
  StateWrite,
  StreamPosition,
} from '../domain/detection.ports';
import type { SubscriberState } from '../domain/subscriber-state';
import type { PartitionLocalCache } from './partition-local.cache';
import type { SubscriberStateRepository } from './subscriber-state.repository';

/**
 * The SubscriberStates port over three tiers: process memory (PartitionLocalCache, only
 * with a stream position), the shared key-value cache and the document store.
 *
 * Last-seen writes: a newer sighting of the same combination is written to the store
 * only once it is more than `lastSeenWriteIntervalMs` newer than the stored one; until
 * then it lives in the cache tiers. The cost of a lost deferred write (process crash,
 * cache eviction) is bounded: the stored observedAt lags by at most the interval, so only
 * a record reordered by less than that, arriving after such a loss, can be misjudged.
 */
export class TieredSubscriberStates implements BatchSubscriberStates {
  constructor(
    private readonly repository: SubscriberStateRepository,
    private readonly local: PartitionLocalCache,
    private readonly lastSeenWriteIntervalMs: number,
  ) {}

  async load(msisdn: string, position?: StreamPosition): Promise<KnownState | undefined> {
    if (position !== undefined && this.local.enabled) {
      const hit = this.local.get(msisdn, position);
      if (hit !== undefined) return hit;
    }
    const known = await this.repository.load(msisdn);
    if (known !== undefined && position !== undefined) this.local.set(known, position);
    return known;
  }

  async save(
    next: SubscriberState,
    expected: KnownState | undefined,
    position?: StreamPosition,
  ): Promise<boolean> {
    const written = await this.repository.write(next, expected);
    if (written === undefined) {
      this.local.delete(next.msisdn);
      // The winner's state replaces whatever the cache held, so the retry decides on the truth.
      await this.repository.loadFromStore(next.msisdn);
      return false;
    }
    if (position !== undefined) this.local.set(written, position);
    return true;
  }

  /** State writes under way, per MSISDN: a memory-tier miss waits for them before reading the other tiers. */
  private readonly writing = new Map<string, Promise<unknown>>();

  get pipelines(): boolean {
    return this.local.enabled;
  }

  async loadMany(msisdns: readonly string[], position: StreamPosition): Promise<Map<string, KnownState>> {
    const found = new Map<string, KnownState>();
    const missing: string[] = [];
    for (const msisdn of msisdns) {
      const hit = this.local.enabled ? this.local.get(msisdn, position) : undefined;
      if (hit === undefined) missing.push(msisdn);
      else found.set(msisdn, hit);
    }
    if (missing.length === 0) return found;
    await Promise.all(missing.map((msisdn) => this.writing.get(msisdn)?.catch(() => undefined)));
    for (const known of (await this.repository.loadMany(missing)).values()) {
      found.set(known.state.msisdn, known);
      this.local.set(known, position);
    }
    return found;
  }

  /**
   * One bulk write for the batch. The memory tier already holds these states (rememberMany,
   * possibly newer ones from a later batch), so a won write leaves it alone; a lost one
   * drops the entry.
   */
  async saveMany(writes: readonly StateWrite[]): Promise<Set<string>> {
    const lost = new Set<string>();
    if (writes.length === 0) return lost;
    const write = this.repository.writeMany(writes);
    for (const { next } of writes) this.writing.set(next.msisdn, write);
    try {
      const written = await write;
      writes.forEach(({ next }, i) => {
        if (written[i] !== undefined) return;
        lost.add(next.msisdn);
        this.local.delete(next.msisdn);
      });
    } finally {
      for (const { next } of writes)
        if (this.writing.get(next.msisdn) === write) this.writing.delete(next.msisdn);
    }
    return lost;
  }

  async rememberMany(deferred: readonly KnownState[], position: StreamPosition): Promise<void> {
    if (this.local.enabled) for (const known of deferred) this.local.set(known, position);
    else await Promise.all(deferred.map((known) => this.repository.writeCacheOnly(known)));
  }

  needsWrite(next: SubscriberState, expected: KnownState): boolean {
    return (
      next.observedAtMs - expected.versionMs > this.lastSeenWriteIntervalMs ||
      this.changesStoredFields(next, expected)
    );
  }

  async touch(next: SubscriberState, expected: KnownState, position?: StreamPosition): Promise<boolean> {
    if (this.needsWrite(next, expected)) {
      return this.save(next, expected, position);
    }
    const deferred: KnownState = { state: next, version: expected.version, versionMs: expected.versionMs };
    // With the memory tier the deferred sighting stays in process; without it, in the shared cache.
    if (position !== undefined && this.local.enabled) this.local.set(deferred, position);
    else await this.repository.writeCacheOnly(deferred);
    return true;
  }

  /** A new IMSI or a first IMEISV is worth a write of its own. */
  private changesStoredFields(next: SubscriberState, expected: KnownState): boolean {
    return (
      next.imsi !== expected.state.imsi ||
      next.imeisv !== expected.state.imeisv ||
      next.imei !== expected.state.imei
    );
  }
}
