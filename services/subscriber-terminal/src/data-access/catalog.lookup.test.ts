import { createLogger } from '@dms/service-kit';
import type { DocumentStore } from '@dms/store';
import { createEmbeddedStore } from '@dms/store/src/embedded/embedded.store';
import {
  createMemoryKeyValueStore,
  type MemoryKeyValueStore,
} from '@dms/store/src/memory/memory-key-value.store';
import type { CatalogEntry } from '../domain/subscriber-terminal.model';
import { CatalogLookup } from './catalog.lookup';
import { CatalogRepository } from './catalog.repository';

/** Counts store reads, to see which tier answered. */
class CountingRepository extends CatalogRepository {
  reads = 0;
  override get(tac: string): Promise<CatalogEntry | null> {
    this.reads++;
    return super.get(tac);
  }
}

const entry: CatalogEntry = {
  _id: '35693803',
  tac: '35693803',
  manufacturer: 'Apple',
  model: 'iPhone 6',
  origin: 'imported',
  confidence: 0,
  conflicts: 0,
  updatedAt: '2026-01-01T00:00:00Z',
};
const logger = createLogger({ service: 't', level: 'silent' });

describe('CatalogLookup', () => {
  let store: DocumentStore;
  let cache: MemoryKeyValueStore;
  let repository: CountingRepository;
  beforeEach(async () => {
    store = createEmbeddedStore({ file: ':memory:' });
    cache = createMemoryKeyValueStore();
    repository = new CountingRepository(store);
    await repository.put(entry);
  });
  afterEach(async () => {
    await store.close();
    await cache.close();
  });

  it('reads a TAC from the store once, then from the in-process LRU', async () => {
    const lookup = new CatalogLookup(repository, cache, 60_000, 100, logger);
    expect((await lookup.byTac('35693803'))?.model).toBe('iPhone 6');
    expect((await lookup.byTac('35693803'))?.model).toBe('iPhone 6');
    expect(repository.reads).toBe(1);
  });

  it('shares entries and misses through the key-value cache with its TTL', async () => {
    const first = new CatalogLookup(repository, cache, 60_000, 0, logger);
    await first.byTac('35693803');
    await first.byTac('99999999');
    const second = new CatalogLookup(repository, cache, 60_000, 0, logger);
    expect((await second.byTac('35693803'))?.manufacturer).toBe('Apple');
    expect(await second.byTac('99999999')).toBeNull();
    expect(repository.reads).toBe(2);
    expect(await cache.ttl('st:tac:35693803')).toBeGreaterThan(59_000);
  });

  it('reads the store again after forget', async () => {
    const lookup = new CatalogLookup(repository, cache, 60_000, 100, logger);
    await lookup.byTac('35693803');
    await repository.put({ ...entry, model: 'iPhone 6s' });
    await lookup.forget('35693803');
    expect((await lookup.byTac('35693803'))?.model).toBe('iPhone 6s');
  });
});
