/**
 * Campaign enqueue over a large group, embedded mode (no servers):
 *
 *   pnpm bench campaign-enqueue [N]        # or npx tsx test/bench/campaign-enqueue.bench.ts [N]; default 1,000,000
 *
 * Seeds N subscribers (each with a handset) into an embedded SQLite store, 1 in 10 of them
 * in segment "tenth". subscriber-terminal.query.v1 is served in process by a handler that
 * pages that store by MSISDN (keyset, as subscriber-terminal does). Two campaigns run one
 * after the other in the same process: the "tenth" segment (N/10 devices) and everyone
 * (N devices), each a commands campaign with no rate limit worth the name, until every
 * device's dm.command-requested.v1 reached a counting consumer. Printed per campaign: heap
 * used sampled every 50 ms during the run (start, max, end, after a GC) and time per
 * device, and the live heap after a full GC every 5 s. The campaign holds one page of the
 * group at a time, so the max heaps of the N campaign should be close to those of the N/10
 * one (ratios printed).
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInProcessEventBus } from '../../libs/bus/src/index';
import { createInProcessRpc } from '../../libs/bus/src/rpc/index';
import { bearerAuth, createLogger } from '../../libs/service-kit/src/index';
import { createEmbeddedStore } from '../../libs/store/src/embedded/embedded.store';
import type { Document } from '../../libs/store/src/index';
import { createCampaigns, defaultCampaignSettings } from '../../services/config/src/campaigns/index';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const N = Number(process.argv[2] ?? 1_000_000);
const PAGE = Number(process.env.BENCH_PAGE ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'campaign-bench-'));
const logger = createLogger({ service: 'campaign-bench', level: 'warn' });

interface Subscriber extends Document {
  msisdn: string;
  imsi: string;
  attributes: Record<string, string>;
  eligibility: 'unknown';
  lastSeenAt: string;
  terminal: { imei: string; tac: string; manufacturer: string; model: string; fwV: string };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function seed(): Promise<ReturnType<typeof createEmbeddedStore>> {
  const store = createEmbeddedStore({ file: join(dir, 'subscribers.db'), synchronous: 'normal' });
  const subscribers = store.collection<Subscriber>('subscribers');
  await subscribers.ensureIndex({ fields: { 'attributes.segment': 1 }, name: 'segment' });
  const started = Date.now();
  for (let i = 0; i < N; i += 1000) {
    const batch: Promise<boolean>[] = [];
    for (let j = i; j < Math.min(N, i + 1000); j++) {
      const msisdn = `49171${String(j).padStart(8, '0')}`;
      const imei = `35693803${String(j % 10_000_000).padStart(7, '0')}`;
      batch.push(
        subscribers.insert({
          _id: msisdn,
          msisdn,
          imsi: `26201${String(j).padStart(10, '0')}`,
          attributes: { segment: j % 10 === 0 ? 'tenth' : 'rest', plan: 'prepaid' },
          eligibility: 'unknown',
          lastSeenAt: '2026-11-01T00:00:00.000Z',
          terminal: { imei, tac: imei.slice(0, 8), manufacturer: 'Acme', model: 'Phone', fwV: '1.0' },
        }),
      );
    }
    await Promise.all(batch);
  }
  process.stdout.write(`seeded ${N} subscribers in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return store;
}

async function main(): Promise<void> {
  const subscriberStore = await seed();
  const subscribers = subscriberStore.collection<Subscriber>('subscribers');
  const rpc = createInProcessRpc();
  await rpc.serve({
    subject: 'subscriber-terminal.query.v1',
    handler: async ({ criteria }) => {
      const limit = Number(criteria['limit'] ?? 100);
      const after = criteria['cursor'] ? (JSON.parse(Buffer.from(criteria['cursor'], 'base64url').toString()) as { after: string }).after : undefined;
      const filter = {
        ...(criteria['attr.segment'] ? { 'attributes.segment': criteria['attr.segment'] } : {}),
        ...(after ? { _id: { $gt: after } } : {}),
      };
      const rows = await subscribers.find(filter, { limit: limit + 1 });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        items: page.map(({ _id, ...s }) => s),
        nextCursor: rows.length > limit && last ? Buffer.from(JSON.stringify({ after: last._id })).toString('base64url') : null,
      };
    },
  });
  const results: { group: number; maxHeap: number; liveMax: number }[] = [];
  for (const [label, criteria, size] of [
    ['tenth', { 'attr.segment': 'tenth' }, Math.ceil(N / 10)],
    ['everyone', {}, N],
  ] as const) {
    // Retention of 1000 records per partition (default 10,000) keeps the bus's share of the heap small and fixed.
    const bus = createInProcessEventBus({ source: '/bench/config', logger, retainRecords: 1000 });
    let requested = 0;
    await bus.subscribe({ topic: 'dm.command-requested.v1', group: 'bench-gateway', handler: async () => void requested++ });
    const store = createEmbeddedStore({ file: join(dir, `config-${label}.db`), synchronous: 'normal' });
    const campaigns = createCampaigns({
      bus,
      rpc,
      store,
      logger,
      config: { ...defaultCampaignSettings, campaignPageSize: PAGE, campaignTickMs: 20 },
      planCommands: async () => undefined,
      auth: bearerAuth('bench'),
    });
    await campaigns.start();
    gc();
    const start = process.memoryUsage().heapUsed;
    let max = start;
    const sampler = setInterval(() => (max = Math.max(max, process.memoryUsage().heapUsed)), 50);
    const began = process.hrtime.bigint();
    const created = await campaigns.service.create({
      name: label,
      target: { kind: 'query', criteria },
      action: { kind: 'commands', commands: [{ verb: 'Get', target: './DevInfo/Mod' }] },
      rateLimit: { perSecond: 1_000_000, burst: 1_000_000 },
      retry: { maxAttempts: 1, backoffMs: 0, backoffMaxMs: 0 },
    });
    await campaigns.service.control(created.id, 'start');
    // Every 5 s a full GC shows the live heap (what the campaign holds); the 50 ms samples also count garbage.
    let lastReport = Date.now();
    let liveMax = 0;
    while (requested < size) {
      await new Promise((r) => setTimeout(r, 50));
      if (Date.now() - lastReport > 5_000) {
        lastReport = Date.now();
        gc();
        const live = process.memoryUsage().heapUsed;
        liveMax = Math.max(liveMax, live);
        process.stdout.write(`  ${label}: ${requested}/${size} enqueued, live heap ${mb(live)}\n`);
      }
    }
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    clearInterval(sampler);
    const end = process.memoryUsage().heapUsed;
    await campaigns.stop();
    await bus.close();
    await store.close();
    gc();
    const afterGc = process.memoryUsage().heapUsed;
    results.push({ group: size, maxHeap: max, liveMax });
    process.stdout.write(
      `${label}: ${size} devices enqueued in ${seconds.toFixed(1)} s = ${((seconds * 1e6) / size).toFixed(1)} µs/device ` +
        `(${Math.round(size / seconds)}/s); heap used start ${mb(start)}, max ${mb(max)}, end ${mb(end)}, after GC ${mb(afterGc)}; ` +
        `live heap at the 5 s checkpoints max ${mb(liveMax)}\n`,
    );
  }
  const [small, large] = results;
  process.stdout.write(
    `group ${large!.group / small!.group}x larger -> max heap ${(large!.maxHeap / small!.maxHeap).toFixed(2)}x ` +
      `(${mb(small!.maxHeap)} at ${small!.group}, ${mb(large!.maxHeap)} at ${large!.group}); ` +
      `max live heap ${(large!.liveMax / small!.liveMax).toFixed(2)}x (${mb(small!.liveMax)}, ${mb(large!.liveMax)})\n`,
  );
  await rpc.close();
  await subscriberStore.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
