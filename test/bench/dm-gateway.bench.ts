/**
 * dm-gateway throughput with Redis session state (the distributed mode's state path).
 *
 *   DMS_REDIS_URL=redis://127.0.0.1:16379 npx tsx test/bench/dm-gateway.bench.ts  [BENCH_SESSIONS=300 BENCH_CONCURRENCY=32 BENCH_LIVE=1000]
 *
 * Per encoding, BENCH_SESSIONS simulated handsets (basic auth, @dms/device-sim) run a full
 * session: Package 1 -> Package 2 with a job of Get x5 -> Package 3 with statuses and
 * Results -> the closing Package 4. The gateway runs in its own process (dm-gateway.bench-server.ts): bus
 * in-process, store embedded (SQLite in memory), session state and nonces in Redis. Printed: sessions/s, messages/s, p50/p99 latency of one
 * HTTP exchange as the handset sees it. The same exchanges (same request bodies, same
 * response sizes, same concurrency) are then replayed against a bare node:http server
 * that reads the body and answers with that many bytes: the ratio gateway/echo in
 * messages/s. Finally BENCH_LIVE sessions are opened (Package 1 only) and left live to
 * measure Redis memory per live session (INFO used_memory delta via redis-cli) and the
 * serialized state size. Handsets run in this process for both runs, so the client cost
 * (device-sim encode/decode) runs in this process while each server has its own process.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SimulatedHandset } from '../../libs/device-sim/src/index';
import { ADMIN_TOKEN, nextDeviceId, provisionHandset, type GatewayHarness } from '../../services/dm-gateway/src/test-support/gateway.harness';
import { encodeMessage, type Command } from '../../libs/syncml/src/index';
import { package1, postMessage } from '../../services/dm-gateway/src/test-support/raw-client';

const SESSIONS = Number(process.env['BENCH_SESSIONS'] ?? 300);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 32);
const LIVE = Number(process.env['BENCH_LIVE'] ?? 1000);
const redisUrl = process.env['DMS_REDIS_URL'];
if (!redisUrl) {
  process.stderr.write('DMS_REDIS_URL is not set (bash deploy/local/infra.sh up, then export its lines)\n');
  process.exit(2);
}
const NODES = ['./DevDetail/FwV', './DevDetail/SwV', './DevDetail/HwV', './DevInfo/Mod', './DevInfo/Man'];

interface Exchange {
  body: Uint8Array;
  contentType: string;
  replyBytes: number;
  ms: number;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

function recordingFetch(log: Exchange[]): typeof fetch {
  return async (input, init) => {
    const started = performance.now();
    const res = await fetch(input, init);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const body = init?.body as Uint8Array;
    log.push({ body, contentType: String((init?.headers as Record<string, string>)['content-type']), replyBytes: bytes.byteLength, ms: performance.now() - started });
    return new Response(bytes, { status: res.status, headers: res.headers });
  };
}

async function runGateway(h: GatewayHarness, encoding: 'xml' | 'wbxml', sessions = SESSIONS): Promise<{ exchanges: Exchange[]; seconds: number; completed: number }> {
  const exchanges: Exchange[] = [];
  const handsets: SimulatedHandset[] = [];
  for (let i = 0; i < sessions; i += 1) {
    const handset = await provisionHandset(h, { scheme: 'basic', encoding, handset: { fetch: recordingFetch(exchanges) } });
    await h.api('POST', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs`, { commands: NODES.map((target) => ({ verb: 'Get', target })) });
    handsets.push(handset);
  }
  let completed = 0;
  const started = performance.now();
  await pool(handsets, CONCURRENCY, async (handset) => {
    if ((await handset.startSession()).outcome === 'completed') completed += 1;
  });
  return { exchanges, seconds: (performance.now() - started) / 1000, completed };
}

/** Starts dm-gateway.bench-server.ts in its own process and waits for its URL. */
async function spawnServer(mode: 'gateway' | 'echo', env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const prof = process.env['BENCH_PROFILE'] === mode ? ['--cpu-prof', '--cpu-prof-dir=/tmp/dmgw-prof'] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', resolve(__dirname, 'dm-gateway.bench-server.ts'), mode], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((ok) => createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', ok));
  return { child, url: (JSON.parse(line) as { url: string }).url };
}

/** Just enough of GatewayHarness for provisionHandset: the DM URL and the REST API. */
function remoteHarness(dmUrl: string): GatewayHarness {
  const base = dmUrl.replace(/\/dm$/, '');
  return {
    dmUrl,
    async api(method: string, path: string, body?: unknown) {
      const res = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await res.text();
      return { status: res.status, body: text === '' ? undefined : JSON.parse(text), type: res.headers.get('content-type') ?? '' };
    },
  } as GatewayHarness;
}

async function runEcho(url: string, exchanges: Exchange[]): Promise<number> {
  const started = performance.now();
  await pool(exchanges, CONCURRENCY, async (x) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': x.contentType, 'x-reply-size': String(x.replyBytes) }, body: x.body });
    await res.arrayBuffer();
  });
  return exchanges.length / ((performance.now() - started) / 1000);
}

/**
 * A scripted handset: Package 1 and Package 3 encoded before the clock starts (basic auth;
 * Package 2 numbers its statuses 1-3 and the five Gets 4-8, so Package 3 is known in
 * advance), sent as raw bytes; the RespURI token is read from Package 2's bytes. The
 * client costs the same as the echo replay's, so the ratio compares the servers.
 */
function scriptedBodies(deviceId: string, encoding: 'xml' | 'wbxml', dmUrl: string): [Uint8Array, Uint8Array] {
  const p1 = package1(deviceId, 'u', 'p', { serverUrl: dmUrl });
  const statuses: Command[] = [{ kind: 'Status', cmdId: '1', msgRef: '1', cmdRef: '0', cmd: 'SyncHdr', targetRefs: [deviceId], sourceRefs: [dmUrl], data: 212, items: [] }];
  const results: Command[] = [];
  NODES.forEach((node, i) => {
    statuses.push({ kind: 'Status', cmdId: String(2 + i), msgRef: '1', cmdRef: String(4 + i), cmd: 'Get', targetRefs: [node], sourceRefs: [], data: 200, items: [] });
    results.push({ kind: 'Results', cmdId: String(7 + i), msgRef: '1', cmdRef: String(4 + i), targetRefs: [], sourceRefs: [], items: [{ source: { locURI: node }, data: `value-of-${node}` }] });
  });
  const { cred: _cred, ...hdr } = p1.hdr;
  const p3 = { hdr: { ...hdr, msgId: '2' }, body: { commands: [...statuses, ...results], final: true } };
  return [encodeMessage(p1, encoding), encodeMessage(p3, encoding)];
}

const TOKEN = /\?s=([A-Za-z0-9_-]{16})/;

async function runScripted(h: GatewayHarness, encoding: 'xml' | 'wbxml', sessions: number): Promise<{ exchanges: Exchange[]; seconds: number; completed: number }> {
  const devices: [Uint8Array, Uint8Array][] = [];
  for (let i = 0; i < sessions; i += 1) {
    const deviceId = nextDeviceId();
    await h.api('POST', '/api/v1/dm-accounts', { deviceId, username: 'u', password: 'p', authType: 'basic', serverId: 'dms', serverPassword: 'sp' });
    await h.api('POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/jobs`, { commands: NODES.map((target) => ({ verb: 'Get', target })) });
    devices.push(scriptedBodies(deviceId, encoding, h.dmUrl));
  }
  const contentType = `application/vnd.syncml.dm+${encoding}`;
  const exchanges: Exchange[] = [];
  const exchange = async (url: string, body: Uint8Array): Promise<Uint8Array> => {
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body });
    const bytes = new Uint8Array(await res.arrayBuffer());
    exchanges.push({ body, contentType, replyBytes: bytes.byteLength, ms: performance.now() - started });
    return bytes;
  };
  let completed = 0;
  const started = performance.now();
  await pool(devices, CONCURRENCY, async ([p1, p3]) => {
    const p2 = await exchange(h.dmUrl, p1);
    const token = TOKEN.exec(Buffer.from(p2).toString('latin1'))?.[1];
    if (token === undefined) return;
    const p4 = await exchange(`${h.dmUrl}?s=${token}`, p3);
    if (p4.byteLength > 0) completed += 1;
  });
  return { exchanges, seconds: (performance.now() - started) / 1000, completed };
}

function report(label: string, encoding: 'xml' | 'wbxml', run: { exchanges: Exchange[]; seconds: number; completed: number }, sessions: number, echoRate?: number): string {
  const rate = run.exchanges.length / run.seconds;
  const ms = run.exchanges.map((x) => x.ms);
  const avgIn = run.exchanges.reduce((t, x) => t + x.body.byteLength, 0) / run.exchanges.length;
  const avgOut = run.exchanges.reduce((t, x) => t + x.replyBytes, 0) / run.exchanges.length;
  const ratio = echoRate === undefined ? '' : ` | echo ${echoRate.toFixed(0)} msg/s  ratio ${(rate / echoRate).toFixed(2)} (target ${encoding === 'xml' ? '0.25' : '0.30'})`;
  return `${label.padEnd(9)} ${encoding.padEnd(5)} sessions ${run.completed}/${sessions}  ${(run.completed / run.seconds).toFixed(1)} sessions/s  ${rate.toFixed(0)} msg/s  p50 ${percentile(ms, 50).toFixed(1)} ms  p99 ${percentile(ms, 99).toFixed(1)} ms  avg req ${avgIn.toFixed(0)} B / reply ${avgOut.toFixed(0)} B${ratio}`;
}

function redisUsedMemory(): number {
  const url = new URL(redisUrl as string);
  const info = execFileSync('redis-cli', ['-h', url.hostname, '-p', url.port || '6379', 'info', 'memory'], { encoding: 'utf8' });
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

function redisKeyBytes(key: string): number {
  const url = new URL(redisUrl as string);
  return Number(execFileSync('redis-cli', ['-h', url.hostname, '-p', url.port || '6379', 'strlen', key], { encoding: 'utf8' }).trim());
}

async function main(): Promise<void> {
  const prefix = `bench-dmgw-${randomBytes(3).toString('hex')}:`;
  const gateway = await spawnServer('gateway', { BENCH_REDIS_PREFIX: prefix });
  const echo = await spawnServer('echo', {});
  const h = remoteHarness(gateway.url);
  const lines: string[] = [];
  try {
    for (const encoding of ['xml', 'wbxml'] as const) {
      await runGateway(h, encoding, Math.ceil(SESSIONS / 5)); // warm-up (JIT, connection pools)
      lines.push(report('device-sim', encoding, await runGateway(h, encoding), SESSIONS));
      await runScripted(h, encoding, Math.ceil(SESSIONS / 5));
      const scripted = await runScripted(h, encoding, SESSIONS);
      lines.push(report('scripted', encoding, scripted, SESSIONS, await runEcho(echo.url, scripted.exchanges)));
    }
    const before = redisUsedMemory();
    let sampleToken = '';
    const devices: string[] = [];
    for (let i = 0; i < LIVE; i += 1) {
      const deviceId = nextDeviceId();
      await h.api('POST', '/api/v1/dm-accounts', { deviceId, username: 'u', password: 'p', authType: 'basic', serverId: 'dms', serverPassword: 'sp' });
      await h.api('POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/jobs`, { commands: NODES.map((target) => ({ verb: 'Get', target })) });
      devices.push(deviceId);
    }
    const afterAccounts = redisUsedMemory();
    await pool(devices, CONCURRENCY, async (deviceId) => {
      const answer = await postMessage(h.dmUrl, package1(deviceId, 'u', 'p'), 'wbxml');
      sampleToken = /\?s=(.+)$/.exec(answer.message?.hdr.respURI ?? '')?.[1] ?? sampleToken;
    });
    const after = redisUsedMemory();
    lines.push(`redis: ${LIVE} live sessions (after Package 2, job running) use ${((after - afterAccounts) / LIVE).toFixed(0)} B each (INFO used_memory delta; target <= 2048); one state value is ${redisKeyBytes(`${prefix}s:${sampleToken}`)} B serialized (before accounts: ${before}, after: ${after})`);
  } finally {
    echo.child.kill('SIGTERM');
    gateway.child.kill('SIGTERM');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
