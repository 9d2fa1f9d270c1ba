/**
 * dm-gateway throughput with Redis session state (the distributed mode's state path).
 *
 *   DMS_REDIS_URL=redis://127.0.0.1:16379 npx tsx test/bench/dm-gateway.bench.ts  [BENCH_SESSIONS=300 BENCH_CONCURRENCY=32 BENCH_LIVE=1000]
 *
 * Per encoding, BENCH_SESSIONS simulated handsets (basic auth, @dms/device-sim) run a full
 * session: Package 1 -> Package 2 with a job of Get x5 -> Package 3 with statuses and
 * Results -> the closing Package 4. Bus in-process, store embedded (SQLite in memory), session
 * state and nonces in Redis. Printed: sessions/s, messages/s, p50/p99 latency of one
 * HTTP exchange as the handset sees it. The same exchanges (same request bodies, same
 * response sizes, same concurrency) are then replayed against a bare node:http server
 * that reads the body and answers with that many bytes: the ratio gateway/echo in
 * messages/s. Finally BENCH_LIVE sessions are opened (Package 1 only) and left live to
 * measure Redis memory per live session (INFO used_memory delta via redis-cli) and the
 * serialized state size. Handsets run in this process for both runs, so the client cost
 * (device-sim encode/decode) weighs on both sides.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { SimulatedHandset } from '../../libs/device-sim/src/index';
import { createRedisKeyValueStore } from '../../libs/store/src/index';
import { nextDeviceId, provisionHandset, startGateway, type GatewayHarness } from '../../services/dm-gateway/src/test-support/gateway.harness';
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
    await h.gateway.jobs.queue({ jobId: randomBytes(8).toString('hex'), deviceId: handset.deviceId, commands: NODES.map((target) => ({ verb: 'Get' as const, target })), correlationId: 'bench', requestedBy: 'bench', requestedAt: new Date().toISOString() });
    handsets.push(handset);
  }
  let completed = 0;
  const started = performance.now();
  await pool(handsets, CONCURRENCY, async (handset) => {
    if ((await handset.startSession()).outcome === 'completed') completed += 1;
  });
  return { exchanges, seconds: (performance.now() - started) / 1000, completed };
}

async function startEcho(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const size = Number(req.headers['x-reply-size'] ?? 0);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = Buffer.alloc(size, 0x20);
      res.writeHead(200, { 'content-type': String(req.headers['content-type']), 'content-length': String(size) });
      res.end(reply);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dm` };
}

async function runEcho(url: string, exchanges: Exchange[]): Promise<number> {
  const started = performance.now();
  await pool(exchanges, CONCURRENCY, async (x) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': x.contentType, 'x-reply-size': String(x.replyBytes) }, body: x.body });
    await res.arrayBuffer();
  });
  return exchanges.length / ((performance.now() - started) / 1000);
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
  const kv = createRedisKeyValueStore({ url: redisUrl as string, keyPrefix: prefix });
  const h = await startGateway({ kv, events: false, config: { sessionTtlMs: 600_000 } });
  const echo = await startEcho();
  const lines: string[] = [];
  try {
    for (const encoding of ['xml', 'wbxml'] as const) {
      await runGateway(h, encoding, Math.ceil(SESSIONS / 5)); // warm-up (JIT, connection pools)
      const { exchanges, seconds, completed } = await runGateway(h, encoding);
      const gatewayRate = exchanges.length / seconds;
      const echoRate = await runEcho(echo.url, exchanges);
      const ms = exchanges.map((x) => x.ms);
      const avgIn = exchanges.reduce((s, x) => s + x.body.byteLength, 0) / exchanges.length;
      const avgOut = exchanges.reduce((s, x) => s + x.replyBytes, 0) / exchanges.length;
      lines.push(
        `${encoding.padEnd(5)} sessions ${completed}/${SESSIONS}  ${(completed / seconds).toFixed(1)} sessions/s  ${gatewayRate.toFixed(0)} msg/s  p50 ${percentile(ms, 50).toFixed(1)} ms  p99 ${percentile(ms, 99).toFixed(1)} ms  ` +
          `avg req ${avgIn.toFixed(0)} B / reply ${avgOut.toFixed(0)} B  | echo ${echoRate.toFixed(0)} msg/s  ratio ${(gatewayRate / echoRate).toFixed(2)} (target ${encoding === 'xml' ? '0.25' : '0.30'})`,
      );
    }
    const before = redisUsedMemory();
    let sampleToken = '';
    const devices: string[] = [];
    for (let i = 0; i < LIVE; i += 1) {
      const deviceId = nextDeviceId();
      await h.api('POST', '/api/v1/dm-accounts', { deviceId, username: 'u', password: 'p', authType: 'basic', serverId: 'dms', serverPassword: 'sp' });
      await h.gateway.jobs.queue({ jobId: randomBytes(8).toString('hex'), deviceId, commands: NODES.map((target) => ({ verb: 'Get' as const, target })), correlationId: 'bench', requestedBy: 'bench', requestedAt: new Date().toISOString() });
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
    echo.server.close();
    await h.close();
    await kv.close();
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

void main();
