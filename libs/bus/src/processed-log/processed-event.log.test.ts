import { createInMemoryProcessedEventLog } from './in-memory-processed-event.log';
import { createKeyValueProcessedEventLog, type ProcessedKeyValueStore } from './key-value-processed-event.log';

/** A key-value store with TTLs on a fake clock, shaped like @dms/store's in-memory adapter. */
function clockedStore(now: () => number): ProcessedKeyValueStore & { keys(): string[] } {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) entries.delete(key);
    return entries.get(key);
  };
  return {
    async get(key) {
      return live(key)?.value ?? null;
    },
    async setIfAbsent(key, value, ttlMs = Infinity) {
      if (live(key)) return false;
      entries.set(key, { value, expiresAt: now() + ttlMs });
      return true;
    },
    keys: () => [...entries.keys()],
  };
}

describe.each([
  ['in-memory', (now: () => number) => createInMemoryProcessedEventLog({ now })],
  ['key-value', (now: () => number) => createKeyValueProcessedEventLog({ store: clockedStore(now) })],
])('processed-event log: %s', (_name, create) => {
  it('remembers an id per group until its TTL passes', async () => {
    let clock = 1000;
    const log = create(() => clock);
    expect(await log.isProcessed('g1', 'e1')).toBe(false);
    await log.markProcessed('g1', 'e1', 500);
    expect(await log.isProcessed('g1', 'e1')).toBe(true);
    expect(await log.isProcessed('g2', 'e1')).toBe(false);
    clock += 501;
    expect(await log.isProcessed('g1', 'e1')).toBe(false);
  });
});

describe('key-value processed-event log', () => {
  it('stores ids under a group-scoped key', async () => {
    const store = clockedStore(() => 0);
    await createKeyValueProcessedEventLog({ store, prefix: 'p:' }).markProcessed('hlr-detector', 'ext-1', 1000);
    expect(store.keys()).toEqual(['p:hlr-detector:ext-1']);
  });
});

describe('in-memory processed-event log', () => {
  it('forgets the oldest ids beyond its bound', async () => {
    const log = createInMemoryProcessedEventLog({ maxEntries: 2 });
    for (const id of ['a', 'b', 'c']) await log.markProcessed('g', id, 60_000);
    expect(await log.isProcessed('g', 'a')).toBe(false);
    expect(await log.isProcessed('g', 'c')).toBe(true);
  });
});
