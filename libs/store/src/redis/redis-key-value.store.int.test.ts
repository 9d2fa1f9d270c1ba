import { defineKeyValueStoreContract } from '../key-value-store.contract';
import { StoreUnavailableError } from '../errors/store-unavailable.error';
import { infraEnv, uniqueName } from '../test-support/infra-env';
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
