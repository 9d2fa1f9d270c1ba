import { defineDocumentStoreContract } from '../document-store.contract';
import { StoreClosedError } from '../errors/store-closed.error';
import { StoreUnavailableError } from '../errors/store-unavailable.error';
import { infraEnv, uniqueName } from '../test-support/infra-env';
import { createMongoStore } from './mongo.store';

jest.setTimeout(60_000);

defineDocumentStoreContract('mongo (FerretDB)', () =>
  createMongoStore({ url: infraEnv('DMS_MONGO_URL'), database: uniqueName('store_contract'), appName: 'store-int-test' }),
);

describe('mongo store connection', () => {
  it('fails with a retriable StoreUnavailableError within the selection timeout when no server answers', async () => {
    const store = createMongoStore({ url: 'mongodb://127.0.0.1:1', database: 'nowhere', serverSelectionTimeoutMs: 300 });
    const started = Date.now();
    const error = await store.collection('things').get('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as StoreUnavailableError).retriable).toBe(true);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await store.ping()).toBe(false);
    await store.close();
  });

  it('refuses operations after close with StoreClosedError', async () => {
    const store = createMongoStore({ url: infraEnv('DMS_MONGO_URL'), database: uniqueName('store_closed') });
    const things = store.collection('things');
    await things.put({ _id: 'x' });
    await store.close();
    await expect(things.get('x')).rejects.toBeInstanceOf(StoreClosedError);
    expect(await store.ping()).toBe(false);
  });
});
