import { defineKeyValueStoreContract } from '../key-value-store.contract';
import { StoreUnavailableError } from '../errors/store-unavailable.error';
import { infraEnv, restartServer, uniqueName } from '../test-support/infra-env';
import { allRetriable, writeStreamAround } from '../test-support/write-stream';
import { hostPort, TcpProxy } from '../test-support/tcp-proxy';
import { createRedisKeyValueStore } from './redis-key-value.store';

defineKeyValueStoreContract('redis', () =>
  createRedisKeyValueStore({ url: infraEnv('DMS_REDIS_URL'), keyPrefix: `${uniqueName('store-contract')}:` }),
);

describe('redis key-value store connection', () => {
  it('fails a command with a retriable StoreUnavailableError within the command timeout when no server answers', async () => {
    const store = createRedisKeyValueStore({ url: 'redis://127.0.0.1:1', connectTimeoutMs: 200, commandTimeoutMs: 400 });
    const started = Date.now();
    const error = await store.get('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).retriable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await store.ping()).toBe(false);
    await store.close();
  });

  it('starts before its server is reachable and works once it is, without being recreated', async () => {
    const proxy = new TcpProxy(hostPort(infraEnv('DMS_REDIS_URL')), await TcpProxy.freePort());
    const store = createRedisKeyValueStore({ url: `redis://127.0.0.1:${proxy.port}`, keyPrefix: `${uniqueName('late')}:`, commandTimeoutMs: 300 });
    await expect(store.set('early', 'v')).rejects.toBeInstanceOf(StoreUnavailableError);
    await proxy.start();
    try {
      // Reconnection attempts back off up to 1 s; within a few seconds the store answers.
      const deadline = Date.now() + 5_000;
      while (!(await store.ping()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await store.set('late', 'v');
      expect(await store.get('late')).toBe('v');
    } finally {
      await store.close();
      await proxy.stop();
    }
  });

  it('keeps two prefixes apart on one server', async () => {
    const url = infraEnv('DMS_REDIS_URL');
    const a = createRedisKeyValueStore({ url, keyPrefix: `${uniqueName('a')}:` });
    const b = createRedisKeyValueStore({ url, keyPrefix: `${uniqueName('b')}:` });
    await a.set('same', 'from-a');
    expect(await b.get('same')).toBeNull();
    expect(await b.setIfAbsent('same', 'from-b')).toBe(true);
    expect(await a.increment('counter')).toBe(1);
    expect(await b.increment('counter')).toBe(1);
    await Promise.all([a.close(), b.close()]);
  });
});

// In this file, not a separate one: the restart must not hit this file's contract cases
// running in parallel in another jest worker.
describe('redis key-value store across a server restart', () => {
  it('keeps every acknowledged write, fails others retriably, and works again with the same client', async () => {
    const store = createRedisKeyValueStore({ url: infraEnv('DMS_REDIS_URL'), keyPrefix: `${uniqueName('store-restart')}:`, commandTimeoutMs: 5_000 });
    const result = await writeStreamAround(
      async (i) => {
        await store.set(`k${i}`, String(i));
        await store.increment('acks');
      },
      () => restartServer('redis'),
      { leadMs: 500, acksAfter: 20, maxTailMs: 30_000 },
    );

    expect(allRetriable(result.failures)).toBe(true);
    expect(result.acknowledged.filter((i) => i >= result.firstIndexAfter).length).toBeGreaterThanOrEqual(20);
    expect(result.slowestMs).toBeLessThan(6_000);
    for (const i of result.acknowledged) expect(await store.get(`k${i}`)).toBe(String(i));
    // An INCRBY cut off mid-flight may or may not have run: between the two.
    const acks = Number(await store.get('acks'));
    expect(acks).toBeGreaterThanOrEqual(result.acknowledged.length);
    expect(acks).toBeLessThanOrEqual(result.attempted);
    expect(await store.ping()).toBe(true);
    await store.close();
  }, 120_000);
});
