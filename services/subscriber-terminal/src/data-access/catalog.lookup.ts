import type { KeyValueStore } from '@dms/store';
import type { Logger } from '@dms/service-kit';
import type { CatalogEntry } from '../domain/subscriber-terminal.model';
import type { CatalogRepository } from './catalog.repository';
import { LruCache } from './tac-lru.cache';

const MISSING = 'none';

/**
 * TAC lookups in three tiers: the in-process LRU, the shared key-value cache (Redis in
 * production, so that every instance benefits from one read), then the store. Misses are
 * cached too: most TACs a network sees are not in any catalog. A cache failure is logged
 * and the store answers.
 */
export class CatalogLookup {
  private readonly local: LruCache<CatalogEntry | null>;

  constructor(
    private readonly repository: CatalogRepository,
    private readonly cache: KeyValueStore,
    private readonly ttlMs: number,
    capacity: number,
    private readonly logger: Logger,
  ) {
    this.local = new LruCache(capacity, ttlMs);
  }

  private key(tac: string): string {
    return `st:tac:${tac}`;
  }

  async byTac(tac: string): Promise<CatalogEntry | null> {
    const local = this.local.get(tac);
    if (local !== undefined) return local;
    const cached = await this.cache.get(this.key(tac)).catch((err: unknown) => {
      this.logger.warn({ err, tac }, 'catalog cache read failed');
      return null;
    });
    if (cached !== null) {
      const entry = cached === MISSING ? null : (JSON.parse(cached) as CatalogEntry);
      this.local.set(tac, entry);
      return entry;
    }
    const entry = await this.repository.get(tac);
    this.local.set(tac, entry);
    await this.cache
      .set(this.key(tac), entry === null ? MISSING : JSON.stringify(entry), this.ttlMs)
      .catch((err: unknown) => {
        this.logger.warn({ err, tac }, 'catalog cache write failed');
      });
    return entry;
  }

  /** After a change: the next read goes to the store (other instances see it after their LRU TTL). */
  async forget(tac: string): Promise<void> {
    this.local.delete(tac);
    await this.cache.delete(this.key(tac)).catch((err: unknown) => {
      this.logger.warn({ err, tac }, 'catalog cache invalidation failed');
    });
  }
}
