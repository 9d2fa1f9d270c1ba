import type { Logger } from '@dms/service-kit';
import type { DocumentCollection, DocumentStore, KeyValueStore } from '@dms/store';
import type { KnownState } from '../domain/detection.ports';
import type { SubscriberState } from '../domain/subscriber-state';
import {
  decodeKnown,
  encodeKnown,
  knownFromStored,
  storedFromState,
  SUBSCRIBER_STATES_COLLECTION,
  type StoredSubscriberState,
} from './stored-subscriber-state';

export interface SubscriberStateRepositoryOptions {
  store: DocumentStore;
  cache: KeyValueStore;
  cacheTtlMs: number;
  logger: Logger;
  /** Cache key prefix; default `hlr-detector:state:`. */
  keyPrefix?: string;
  now?: () => Date;
}

/**
 * The state in the service's DocumentStore, read through and written through a
 * KeyValueStore cache with TTL. The store is the truth: a cache that cannot be read is
 * skipped, one that cannot be written is cleared, and a cache that is stale anyway is
 * caught by the optimistic update (`where` on the stored observedAt), which then
 * reloads from the store.
 */
export class SubscriberStateRepository {
  private readonly collection: DocumentCollection<StoredSubscriberState>;
  private readonly prefix: string;
  private readonly now: () => Date;

  constructor(private readonly options: SubscriberStateRepositoryOptions) {
    this.collection = options.store.collection<StoredSubscriberState>(SUBSCRIBER_STATES_COLLECTION);
    this.prefix = options.keyPrefix ?? 'hlr-detector:state:';
    this.now = options.now ?? (() => new Date());
  }

  async load(msisdn: string): Promise<KnownState | undefined> {
    const cached = await this.readCache(msisdn);
    if (cached !== undefined) return cached;
    return this.loadFromStore(msisdn);
  }

  /** Cache reads in parallel, then one store query for the misses (`_id` $in). */
  async loadMany(msisdns: readonly string[]): Promise<Map<string, KnownState>> {
    const found = new Map<string, KnownState>();
    const cached = await Promise.all(msisdns.map((msisdn) => this.readCache(msisdn)));
    const missing = msisdns.filter((msisdn, i) => {
      const known = cached[i];
      if (known !== undefined) found.set(msisdn, known);
      return known === undefined;
    });
    if (missing.length === 0) return found;
    const docs = await this.collection.find({ _id: { $in: missing } });
    const known = docs.map(knownFromStored);
    for (const k of known) found.set(k.state.msisdn, k);
    await Promise.all(known.map((k) => this.writeCache(k)));
    return found;
  }

  /** Bypasses the cache (after a lost race) and refreshes it. */
  async loadFromStore(msisdn: string): Promise<KnownState | undefined> {
    const doc = await this.collection.get(msisdn);
    if (doc === null) return undefined;
    const known = knownFromStored(doc);
    await this.writeCache(known);
    return known;
  }

  /** Optimistic write: insert for a first sighting, else update where the stored observedAt is still `expected.version`. */
  async write(next: SubscriberState, expected: KnownState | undefined): Promise<KnownState | undefined> {
    const doc = storedFromState(next, this.now());
    let written: boolean;
    if (expected === undefined) {
      written = await this.collection.insert(doc);
    } else {
      const { _id, imeisv, ...fields } = doc;
      const update =
        imeisv === undefined ? { $set: fields, $unset: ['imeisv'] } : { $set: { ...fields, imeisv } };
      written = await this.collection.update(_id, update, { where: { observedAt: expected.version } });
    }
    if (!written) {
      await this.forget(next.msisdn);
      return undefined;
    }
    const known: KnownState = { state: next, version: next.observedAt, versionMs: next.observedAtMs };
    await this.writeCache(known);
    return known;
  }

  /** A newer sighting kept in the cache only; the stored version stays the concurrency token. */
  async writeCacheOnly(known: KnownState): Promise<void> {
    await this.writeCache(known);
  }

  private async readCache(msisdn: string): Promise<KnownState | undefined> {
    try {
      const text = await this.options.cache.get(this.prefix + msisdn);
      return text === null ? undefined : decodeKnown(text);
    } catch (error) {
      this.options.logger.warn({ err: error, msisdn }, 'state cache unreadable; reading the store');
      return undefined;
    }
  }

  private async writeCache(known: KnownState): Promise<void> {
    try {
      await this.options.cache.set(
        this.prefix + known.state.msisdn,
        encodeKnown(known),
        this.options.cacheTtlMs,
      );
    } catch (error) {
      this.options.logger.warn(
        { err: error, msisdn: known.state.msisdn },
        'state cache not written; clearing the entry',
      );
      await this.forget(known.state.msisdn);
    }
  }

  private async forget(msisdn: string): Promise<void> {
    try {
      await this.options.cache.delete(this.prefix + msisdn);
    } catch (error) {
      // The optimistic update still protects changes; a stale entry expires with its TTL.
      this.options.logger.error({ err: error, msisdn }, 'state cache entry could not be cleared');
    }
  }
}
