/**
 * Observation-to-configured latency: BENCH_N (default 1,000) new handsets arrive at once
 * (one HLR observation each, published together on the bus as an HLR feed would), and each
 * must end with config.applied.v1. Run in embedded mode (in-process bus and RPC, SQLite) and
 * distributed mode (Kafka, NATS, FerretDB, Redis from deploy/local/infra.sh), each service
 * built by its own factory (test/support/onboarding.system.ts). The Package 0 wake-ups go
 * over the radio of test/support/radio.wake-up.ts (the same binary SMS the SMPP sender
 * submits, handed to the simulated handset). Every handset has empty settings and answers
 * yes to both confirmation alerts (read diagnostics, change settings): two DM sessions each.
 *
 *   pnpm bench onboarding [embedded|distributed|both]      # BENCH_N=1000
 *
 * Baseline, in the same run and mode: one handset alone, same path. Printed: p50, p99 and
 * max latency of the crowd, the ratio of its p50 to the lone handset's, handsets per second.
 */
import { randomBytes } from 'node:crypto';
import type { EventBus } from '../../libs/bus/src/index';
import { imeiFor, SimulatedHandset } from '../../libs/device-sim/src/index';
import { RadioWakeUp } from '../support/radio.wake-up';
import { startOnboardingSystem, SYSTEM_SERVER_ID, type OnboardingSystem } from '../support/onboarding.system';
import { distributedAdapters, embeddedAdapters, type AdapterFactory } from '../support/service-adapters';

const N = Number(process.env.BENCH_N ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 20 * 60_000);
const modes = (process.argv[2] ?? 'both') === 'both' ? ['embedded', 'distributed'] : [process.argv[2]!];

interface Subscriber {
  msisdn: string;
  imsi: string;
  imei: string;
  deviceId: string;
}

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v.replace(/http:\/\/[^/]+/, '')] = (out[v.replace(/http:\/\/[^/]+/, '')] ?? 0) + 1;
  return out;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function enrol(system: OnboardingSystem, radio: RadioWakeUp, subs: readonly Subscriber[]): Promise<void> {
  await inBatches(subs, CONCURRENCY, async (s, i = Number(s.msisdn.slice(-6))) => {
    const auth = { scheme: 'md5' as const, username: `b-${s.imei}`, password: `pw-${s.imei}`, serverId: SYSTEM_SERVER_ID, serverPassword: `spw-${s.imei}` };
    const res = await system.api('POST', '/api/v1/dm-accounts', { deviceId: s.deviceId, authType: 'md5', ...auth });
    if (res.status !== 201) throw new TypeError(`DM account of ${s.deviceId}: HTTP ${res.status}`);
    const family = i % 2 === 0 ? 'oma-standard' : 'vendor-x';
    radio.attach(s.msisdn, new SimulatedHandset({ deviceId: s.deviceId, family, encoding: i % 3 === 0 ? 'xml' : 'wbxml', serverUrl: system.dmUrl, auth }));
  });
}

let explain: (stuck: Subscriber[]) => Promise<void> = async () => undefined;
async function explainStuck(stuck: Subscriber[]): Promise<void> {
  await explain(stuck);
}

/** Publishes one observation per subscriber together, then waits for every config.applied.v1. */
async function onboard(bus: EventBus, applied: Map<string, number>, failed: Map<string, string>, subs: readonly Subscriber[]): Promise<number[]> {
  const sent = new Map<string, number>();
  await Promise.all(
    subs.map(async (s) => {
      sent.set(s.deviceId, Date.now());
      await bus.publish('hlr.imei-observations.v1', { msisdn: s.msisdn, imsi: s.imsi, imei: s.imei, observedAt: new Date().toISOString(), source: 'bench-hlr' });
    }),
  );
  const deadline = Date.now() + TIMEOUT_MS;
  const tty = process.stdout.isTTY === true;
  let printedAt = Date.now();
  for (;;) {
    const done = subs.filter((s) => applied.has(s.deviceId) || failed.has(s.deviceId)).length;
    if (done === subs.length) break;
    if (Date.now() > deadline) {
      await explainStuck(subs.filter((s) => !applied.has(s.deviceId) && !failed.has(s.deviceId)));
      throw new TypeError(`only ${done}/${subs.length} handsets configured within ${TIMEOUT_MS} ms`);
    }
    // Progress: rewritten in place on a terminal, a line every 10 s in a log.
    if (subs.length > 1 && (tty || Date.now() - printedAt >= 10_000)) {
      process.stdout.write(`${tty ? '\r' : ''}  configured ${done}/${subs.length} after ${Math.round((Date.now() - (sent.values().next().value ?? 0)) / 1000)} s${tty ? '' : '\n'}`);
      printedAt = Date.now();
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (subs.length > 1 && tty) process.stdout.write('\n');
  const bad = subs.filter((s) => failed.has(s.deviceId));
  if (bad.length > 0) process.stdout.write(`  ${bad.length} failed, e.g. ${bad[0]!.deviceId}: ${failed.get(bad[0]!.deviceId)}\n`);
  return subs.filter((s) => applied.has(s.deviceId)).map((s) => applied.get(s.deviceId)! - sent.get(s.deviceId)!).sort((a, b) => a - b);
}

async function runMode(mode: string): Promise<void> {
  const adapters: AdapterFactory = mode === 'embedded' ? await embeddedAdapters() : distributedAdapters('bench-onboard');
  const radio = new RadioWakeUp();
  const system = await startOnboardingSystem(adapters, radio);
  const bus = adapters.observerBus();
  const applied = new Map<string, number>();
  const failed = new Map<string, string>();
  await bus.subscribe({ topic: 'config.applied.v1', group: 'bench-applied', handler: async (e) => void applied.set(e.data.deviceId, Date.now()) });
  await bus.subscribe({ topic: 'config.failed.v1', group: 'bench-failed', handler: async (e) => void failed.set(e.data.deviceId, e.data.reason) });
  const run = randomBytes(2).readUInt16BE(0) % 100;
  const subs: Subscriber[] = Array.from({ length: N + 1 }, (_, i) => {
    const deviceId = imeiFor(i % 2 === 0 ? '35693803' : '35291106', run * 10_000 + i);
    const n = String(i).padStart(6, '0');
    return { msisdn: `4916${String(run).padStart(2, '0')}${n}`, imsi: `26203${String(run).padStart(2, '0')}${n}`, imei: deviceId.slice(5), deviceId };
  });
  explain = async (stuck) => {
    for (const s of stuck.slice(0, 5)) {
      const reports = await system.api('GET', `/api/v1/diagnostics/reports?deviceId=${encodeURIComponent(s.deviceId)}`);
      const config = await system.api('GET', `/api/v1/config/devices/${encodeURIComponent(s.deviceId)}`);
      const wakes = radio.delivered.filter((d) => d.deviceId === s.deviceId).length;
      process.stdout.write(`  stuck ${s.deviceId}: wake-ups ${wakes}, refused ${JSON.stringify(radio.refused.filter((r) => r.deviceId === s.deviceId))}, failed sessions ${JSON.stringify(radio.sessionsFailed.filter((r) => r.deviceId === s.deviceId))}\n    reports ${JSON.stringify(reports.body).slice(0, 600)}\n    config ${JSON.stringify(config.body).slice(0, 300)}\n`);
    }
  };
  try {
    const t0 = Date.now();
    await enrol(system, radio, subs);
    process.stdout.write(`${mode}: ${subs.length} DM accounts and handsets in ${Date.now() - t0} ms\n`);
    const [lone] = await onboard(bus, applied, failed, subs.slice(0, 1));
    const start = Date.now();
    const crowd = await onboard(bus, applied, failed, subs.slice(1));
    const wall = Date.now() - start;
    await radio.settle();
    const p50 = percentile(crowd, 50);
    process.stdout.write(
      `${mode}: lone handset ${lone} ms | ${crowd.length}/${N} at once: p50 ${p50} ms, p99 ${percentile(crowd, 99)} ms, max ${crowd.at(-1)} ms | ` +
        `p50/lone ${(p50 / (lone ?? Number.NaN)).toFixed(1)} | ${((crowd.length / wall) * 1000).toFixed(1)} handsets/s | wake-ups ${radio.delivered.length}, refused ${radio.refused.length}, sessions failed ${radio.sessionsFailed.length} ${JSON.stringify(countBy(radio.sessionsFailed.map((f) => f.error ?? f.outcome)))} (retried ${radio.sessionRetries})\n`,
    );
  } finally {
    await system.stop();
    await adapters.close();
  }
}

async function main(): Promise<void> {
  process.stdout.write(`onboarding bench: ${N} new handsets at once, modes ${modes.join(', ')}, ${CONCURRENCY} enrolments in parallel\n`);
  for (const mode of modes) await runMode(mode);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`onboarding bench failed: ${String(error)}\n`);
    process.exit(1);
  },
);
