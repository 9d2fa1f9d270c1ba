/**
 * Server side of dm-gateway.bench.ts, in its own process so that the simulated handsets
 * (the client load) do not share its event loop: `gateway` (in-process bus, embedded store,
 * Redis session state under BENCH_REDIS_PREFIX) or `echo` (a bare node:http server that
 * reads the body and answers x-reply-size bytes). Prints {"url": ...} once listening.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRedisKeyValueStore } from '../../libs/store/src/index';
import { startGateway } from '../../services/dm-gateway/src/test-support/gateway.harness';

async function main(): Promise<void> {
  if (process.argv[2] === 'echo') {
    const server = createServer((req, res) => {
      const size = Number(req.headers['x-reply-size'] ?? 0);
      req.on('data', () => undefined);
      req.on('end', () => {
        res.writeHead(200, { 'content-type': String(req.headers['content-type']), 'content-length': String(size) });
        res.end(Buffer.alloc(size, 0x20));
      });
    });
    server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dm` })}\n`));
    return;
  }
  const kv = createRedisKeyValueStore({ url: process.env['DMS_REDIS_URL'] as string, keyPrefix: process.env['BENCH_REDIS_PREFIX'] ?? 'bench-dmgw:' });
  const h = await startGateway({ kv, events: false, config: { sessionTtlMs: 600_000 } });
  process.stdout.write(`${JSON.stringify({ url: h.dmUrl })}\n`);
  process.on('SIGTERM', () => {
    void h.close().then(() => kv.close()).then(() => process.exit(0));
  });
}

void main();
