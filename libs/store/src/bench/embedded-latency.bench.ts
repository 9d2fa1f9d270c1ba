/*
 * Latency of the embedded store at 100k documents: get by id, an indexed find, and a
 * put with each synchronous mode. A measurement to read, not an assertion.
 * Run: npx tsx libs/store/src/bench/embedded-latency.bench.ts [docs]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createEmbeddedStore } from '../embedded/embedded.store';

interface Terminal {
  _id: string;
  imsi: string;
  tac: string;
  model: string;
  seen: number;
  attrs: { segment: string; os: string };
}

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0) * 1000;
  return `p50 ${at(0.5).toFixed(1)} µs, p99 ${at(0.99).toFixed(1)} µs (n=${samples.length})`;
}

async function timed(runs: number, work: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 100_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'dms-store-bench-'));
  try {
    for (const synchronous of ['normal', 'full'] as const) {
      const store = createEmbeddedStore({ file: path.join(dir, `${synchronous}.db`), synchronous });
      const terminals = store.collection<Terminal>('terminals');
      await terminals.ensureIndex({ fields: { tac: 1 } });
      const doc = (i: number): Terminal => ({
        _id: `imei-${String(i).padStart(15, '0')}`,
        imsi: `24201${String(i).padStart(10, '0')}`,
        tac: String(35_000_000 + (i % 10_000)),
        model: `model-${i % 500}`,
        seen: i,
        attrs: { segment: i % 3 === 0 ? 'consumer' : 'business', os: 'android' },
      });
      const fillStarted = performance.now();
      // Filled with insert() one by one, as a service would (no bulk path in the port).
      if (synchronous === 'normal') for (let i = 0; i < total; i++) await terminals.insert(doc(i));
      console.log(`[${synchronous}] filled ${total} docs in ${((performance.now() - fillStarted) / 1000).toFixed(1)} s`);
      if (synchronous === 'normal') {
        const gets = await timed(20_000, () => terminals.get(doc(Math.floor(Math.random() * total))._id));
        console.log(`[${synchronous}] get by id:            ${percentiles(gets)}`);
        const finds = await timed(5_000, () => terminals.find({ tac: String(35_000_000 + Math.floor(Math.random() * 10_000)) }));
        console.log(`[${synchronous}] indexed find (10 hits): ${percentiles(finds)}`);
        const counts = await timed(200, () => terminals.count({ 'attrs.segment': 'consumer' }));
        console.log(`[${synchronous}] unindexed count (scan): ${percentiles(counts)}`);
      }
      const puts = await timed(2_000, (i) => terminals.put({ ...doc(i), seen: -i }));
      console.log(`[${synchronous}] put (replace, commit):  ${percentiles(puts)}`);
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
