import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@dms/service-kit';
import {
  createMemoryKeyValueStore,
  type MemoryKeyValueStore,
} from '@dms/store/src/memory/memory-key-value.store';
import { HttpSubscriptionDirectory } from './http-subscription.directory';

/** A stand-in subscription database: behaviour by MSISDN suffix. */
function startDirectoryServer(): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const msisdn = (req.url ?? '').split('/').pop() ?? '';
    hits.push(msisdn);
    if (msisdn.endsWith('1')) {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: true, mms: false, volte: true, plan: 'gold' }));
    } else if (msisdn.endsWith('2'))
      setTimeout(() => res.end(JSON.stringify({ data: true, mms: true })), 2000).unref();
    else if (msisdn.endsWith('3')) {
      res.statusCode = 500;
      res.end('boom');
    } else if (msisdn.endsWith('4')) res.end('not json');
    else if (msisdn.endsWith('5'))
      res.end(JSON.stringify({ data: req.headers.authorization === 'Bearer sdb', mms: false }));
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/subscriptions`,
        hits,
      }),
    ),
  );
}

describe('HttpSubscriptionDirectory against a local HTTP server', () => {
  let server: Server;
  let url: string;
  let hits: string[];
  let cache: MemoryKeyValueStore;
  let directory: HttpSubscriptionDirectory;
  beforeAll(async () => {
    ({ server, url, hits } = await startDirectoryServer());
  });
  beforeEach(() => {
    hits.length = 0;
    cache = createMemoryKeyValueStore();
    directory = new HttpSubscriptionDirectory({
      baseUrl: url,
      timeoutMs: 200,
      cache,
      cacheTtlMs: 60_000,
      logger: createLogger({ service: 't', level: 'silent' }),
    });
  });
  afterEach(async () => {
    await cache.close();
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('reads a good answer, keeps further services, and serves the repeat from the cache', async () => {
    const first = await directory.eligibility('491700000001');
    expect(first).toMatchObject({
      data: true,
      mms: false,
      services: { volte: true },
      plan: 'gold',
      source: 'http',
    });
    expect(await directory.eligibility('491700000001')).toEqual(first);
    expect(hits).toEqual(['491700000001']);
    expect(await cache.ttl('st:eligibility:491700000001')).toBeGreaterThan(59_000);
  });

  it('degrades to unknown once the timeout passes, without waiting for the slow answer', async () => {
    const started = performance.now();
    expect(await directory.eligibility('491700000002')).toBe('unknown');
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1000);
  });

  it('degrades to unknown on a server error and on an unreadable answer, and caches neither', async () => {
    expect(await directory.eligibility('491700000003')).toBe('unknown');
    expect(await directory.eligibility('491700000004')).toBe('unknown');
    expect(await directory.eligibility('491700000003')).toBe('unknown');
    expect(hits).toEqual(['491700000003', '491700000004', '491700000003']);
  });

  it('degrades to unknown when nothing listens', async () => {
    const closed = new HttpSubscriptionDirectory({
      baseUrl: 'http://127.0.0.1:9/x',
      timeoutMs: 200,
      cache,
      cacheTtlMs: 1000,
      logger: createLogger({ service: 't', level: 'silent' }),
    });
    expect(await closed.eligibility('491700000001')).toBe('unknown');
  });

  it('sends the configured Authorization header', async () => {
    const authorised = new HttpSubscriptionDirectory({
      baseUrl: url,
      timeoutMs: 200,
      cache,
      cacheTtlMs: 1000,
      logger: createLogger({ service: 't', level: 'silent' }),
      authorization: 'Bearer sdb',
    });
    expect(await authorised.eligibility('491700000005')).toMatchObject({ data: true });
  });

  it('reads 404 as no subscription: nothing is allowed', async () => {
    expect(await directory.eligibility('491700000009')).toMatchObject({
      data: false,
      mms: false,
      source: 'http',
    });
  });
});
