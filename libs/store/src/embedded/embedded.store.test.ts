import { defineDocumentStoreContract } from '../document-store.contract';
import { StoreClosedError } from '../errors/store-closed.error';
import { createEmbeddedStore } from './embedded.store';

// Generous: the suite shares two cores with integration servers and other test runs.
jest.setTimeout(30_000);

defineDocumentStoreContract('embedded (SQLite :memory:)', () => createEmbeddedStore({ file: ':memory:' }));

describe('embedded store lifecycle', () => {
  it('refuses operations after close with StoreClosedError and answers ping false', async () => {
    const store = createEmbeddedStore({ file: ':memory:' });
    const things = store.collection('things');
    await store.close();
    await expect(things.get('x')).rejects.toBeInstanceOf(StoreClosedError);
    expect(await store.ping()).toBe(false);
  });
});
