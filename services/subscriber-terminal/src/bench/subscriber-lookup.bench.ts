import { rmSync } from 'node:fs';
import { createLogger, isDmsError } from '@dms/service-kit';
import type { DocumentStore } from '@dms/store';
import { createEmbeddedStore } from '@dms/store/src/embedded/embedded.store';
import { createMemoryKeyValueStore } from '@dms/store/src/memory/memory-key-value.store';
import { createMongoStore } from '@dms/store/src/mongo/mongo.store';
import { createInProcessEventBus } from '@dms/bus';
import { AssociationRepository } from '../data-access/association.repository';
import { CatalogLookup } from '../data-access/catalog.lookup';
import { CatalogRepository } from '../data-access/catalog.repository';
import { SubscriberRepository } from '../data-access/subscriber.repository';
import { TerminalRepository } from '../data-access/terminal.repository';
import { SubscriberLookupService } from '../domain/subscriber-lookup.service';
import { SubscriberUpdateAnnouncer } from '../domain/subscriber-update.announcer';
import type { SubscriberRecord } from '../domain/subscriber-terminal.model';
import { TerminalCatalogService } from '../domain/terminal-catalog.service';

/**
 * Lookup-by-MSISDN latency with N subscribers stored (target p99 < 5 ms). Not a jest test:
 *   pnpm --filter @dms/subscriber-terminal bench [--count 1000000] [--lookups 100000] [--mongo mongodb://127.0.0.1:27018]
 * Embedded: a SQLite file under /tmp with the service's indexes (synchronous=normal for the load only
 * matters to the load time). Prints load rate and p50/p99/max of the repository get and of the full
 * REST view (subscriber + terminal + catalog + history).
 */
function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const count = Number(arg('count', '1000000'));
const lookups = Number(arg('lookups', '100000'));
const mongoUrl = arg('mongo', '');
const msisdnOf = (i: number): string => String(491500000000 + i);

/** A shared test server may be restarted by another suite: retry what failed retriably (inserts are idempotent here). */
async function retrying<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 10 || !isDmsError(error) || !error.retriable) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function measure(label: string, n: number, once: (i: number) => Promise<unknown>): Promise<void> {
  const samples = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(Math.random() * count);
    const start = performance.now();
    await once(i);
    samples[k] = performance.now() - start;
  }
  samples.sort();
  const f = (v: number): string => `${v.toFixed(3)} ms`;
  console.log(
    `${label}: n=${n} p50=${f(percentile(samples, 50))} p99=${f(percentile(samples, 99))} max=${f(samples[n - 1] as number)}`,
  );
}

async function main(): Promise<void> {
  const file = `/tmp/subscriber-lookup-bench-${process.pid}.sqlite`;
  const store: DocumentStore = mongoUrl
    ? createMongoStore({ url: mongoUrl, database: `st_bench_${process.pid}` })
    : createEmbeddedStore({ file, synchronous: 'normal' });
  const subscribers = new SubscriberRepository(store);
  const terminals = new TerminalRepository(store);
  const associations = new AssociationRepository(store);
  await Promise.all([subscribers.ensureIndexes(), terminals.ensureIndexes(), associations.ensureIndexes()]);
  const now = new Date().toISOString();
  const loadStart = performance.now();
  for (let i = 0; i < count; i++) {
    const imei = String(35693803000000 + i);
    const record: SubscriberRecord = {
      _id: msisdnOf(i),
      msisdn: msisdnOf(i),
      imsi: String(262010000000000 + i),
      attributes: { segment: i % 3 === 0 ? 'gold' : 'silver' },
      eligibility: 'unknown',
      lastSeenAt: now,
      createdAt: now,
      updatedAt: now,
      terminal: { imei, tac: imei.slice(0, 8), manufacturer: 'Maker', model: `Model ${i % 500}` },
      currentAssociationId: `e${i}`,
      currentSince: now,
    };
    await retrying(() => subscribers.insert(record));
    if (i < 100_000) {
      await retrying(() =>
        terminals.insert({ _id: imei, imei, givenImei: imei, tac: imei.slice(0, 8), lastSeenAt: now }),
      );
      await retrying(() =>
        associations.open({
          _id: `e${i}`,
          msisdn: msisdnOf(i),
          imsi: record.imsi,
          imei,
          from: now,
          to: null,
          sourceEventId: `e${i}`,
        }),
      );
    }
    if ((i + 1) % 10_000 === 0)
      console.log(`loaded ${i + 1} (${Math.round((i + 1) / ((performance.now() - loadStart) / 1000))}/s)`);
  }
  console.log(
    `load: ${count} subscribers in ${((performance.now() - loadStart) / 1000).toFixed(1)} s (${mongoUrl ? 'FerretDB/MongoDB' : 'embedded SQLite'})`,
  );
  await measure('warm-up', Math.min(10_000, lookups), (i) => subscribers.get(msisdnOf(i)));
  await measure('get subscriber by msisdn (repository)', lookups, (i) => subscribers.get(msisdnOf(i)));
  const logger = createLogger({ service: 'bench', level: 'silent' });
  const cache = createMemoryKeyValueStore();
  const catalogRepository = new CatalogRepository(store);
  const bus = createInProcessEventBus({ source: '/bench' });
  const lookup = new SubscriberLookupService(
    subscribers,
    terminals,
    associations,
    new TerminalCatalogService(
      catalogRepository,
      new CatalogLookup(catalogRepository, cache, 600_000, 50_000, logger),
    ),
    new SubscriberUpdateAnnouncer(bus, subscribers),
  );
  await measure(
    'GET /subscribers/{msisdn} view (subscriber+terminal+catalog+history)',
    Math.min(lookups, 20_000),
    (i) => lookup.subscriber(msisdnOf(Math.min(i, 99_999))),
  );
  await bus.close();
  await cache.close();
  // The port has no drop-database: empty the bench collections so the test server does not keep them.
  if (mongoUrl)
    for (const name of ['subscribers', 'terminals', 'associations'])
      await store.collection(name).deleteMany({});
  await store.close();
  if (!mongoUrl) for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}

void main();
