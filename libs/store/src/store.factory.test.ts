import { createDocumentStore } from './document-store.factory';
import { createKeyValueStore } from './key-value-store.factory';

describe('store factories', () => {
  it('builds a working embedded document store from configuration', async () => {
    const store = createDocumentStore({ kind: 'embedded', file: ':memory:' });
    await store.collection('things').put({ _id: 'a' });
    expect(await store.collection('things').get('a')).toEqual({ _id: 'a' });
    await store.close();
  });

  it('builds a working in-memory key-value store from configuration', async () => {
    const store = createKeyValueStore({ kind: 'memory' });
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    await store.close();
  });
});
