import { createEmbeddedStore, type Document, type DocumentStore } from '@dms/store';
import { GroupedInserts } from './grouped-inserts';

interface Claim extends Document {
  by: string;
}

describe('GroupedInserts', () => {
  let store: DocumentStore;
  beforeEach(() => {
    store = createEmbeddedStore({ file: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('sends the inserts asked for during a flight together in the next one, answering each caller', async () => {
    const collection = store.collection<Claim>('claims');
    const flights: number[] = [];
    const counting = Object.create(collection) as typeof collection;
    counting.insertMany = async (docs) => {
      flights.push(docs.length);
      return collection.insertMany(docs);
    };
    const grouped = new GroupedInserts(counting);
    const answers = await Promise.all([
      grouped.insertMany([{ _id: 'x', by: 'p0' }]),
      grouped.insertMany([
        { _id: 'a', by: 'p1' },
        { _id: 'c', by: 'p1' },
      ]),
      grouped.insertMany([
        { _id: 'a', by: 'p2' },
        { _id: 'd', by: 'p2' },
      ]),
      grouped.insertMany([{ _id: 'x', by: 'p3' }]),
    ]);
    expect(answers).toEqual([[true], [true, true], [false, true], [false]]);
    // p1..p3 asked while p0's flight was out: one flight, but the second 'a' waits for the next.
    expect(flights).toEqual([1, 4, 1]);
    expect((await collection.get('a'))?.by).toBe('p1');
    expect((await collection.get('x'))?.by).toBe('p0');
  });

  it('fails every caller of a failed flight and keeps serving later ones', async () => {
    const collection = store.collection<Claim>('claims');
    const grouped = new GroupedInserts(collection);
    await expect(grouped.insertMany([{ _id: '', by: 'bad' }])).rejects.toMatchObject({
      code: expect.any(String),
    });
    expect(await grouped.insertMany([{ _id: 'e', by: 'ok' }])).toEqual([true]);
  });
});
