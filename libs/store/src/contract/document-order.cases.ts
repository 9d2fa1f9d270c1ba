import type { Document, DocumentCollection, FindOptions } from '../document-store.port';
import type { DocumentContractContext } from '../document-store.contract';

interface Ranked extends Document {
  rank?: number | null;
  group?: string;
  n?: number;
}

// Ties, an explicit null and a missing rank, so that the _id tie-break and the
// "null/missing sort first" rule are both visible.
const RANKED: Ranked[] = [
  { _id: 'p1', rank: 2, group: 'b' },
  { _id: 'p2', rank: 1, group: 'a' },
  { _id: 'p3', rank: 2, group: 'a' },
  { _id: 'p4', group: 'b' },
  { _id: 'p5', rank: 3, group: 'a' },
  { _id: 'p6', rank: 1, group: 'b' },
  { _id: 'p7', rank: null, group: 'a' },
];

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const ids = (docs: readonly Document[]): string[] => docs.map((d) => d._id);

export function defineDocumentOrderCases(ctx: DocumentContractContext): void {
  describe('sort, limit, skip and iterate', () => {
    let ranked: DocumentCollection<Ranked>;

    beforeAll(async () => {
      ranked = ctx.freshCollection<Ranked>();
      for (const doc of RANKED) await ranked.put(doc);
    });

    const ORDERS: [string, FindOptions, string[]][] = [
      ['without sort, by _id', {}, ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']],
      ['ascending, null and missing first, ties by _id', { sort: { rank: 1 } }, ['p4', 'p7', 'p2', 'p6', 'p1', 'p3', 'p5']],
      ['descending, ties still by ascending _id', { sort: { rank: -1 } }, ['p5', 'p1', 'p3', 'p2', 'p6', 'p4', 'p7']],
      ['two keys', { sort: { group: 1, rank: -1 } }, ['p5', 'p3', 'p2', 'p7', 'p1', 'p6', 'p4']],
      ['skip and limit after sorting', { sort: { rank: 1 }, skip: 2, limit: 3 }, ['p2', 'p6', 'p1']],
      ['_id descending', { sort: { _id: -1 }, limit: 2 }, ['p7', 'p6']],
      ['skip past the end', { skip: 10 }, []],
      ['limit zero', { limit: 0 }, []],
    ];

    it.each(ORDERS)('find orders %s', async (_what, options, expected) => {
      expect(ids(await ranked.find({}, options))).toEqual(expected);
    });

    it.each(ORDERS)('iterate in batches of 2 orders %s like find', async (_what, options, expected) => {
      expect(ids(await collect(ranked.iterate({}, { ...options, batchSize: 2 })))).toEqual(expected);
    });

    it('iterates a filtered, sorted subset in small batches', async () => {
      const found = await collect(ranked.iterate({ group: 'a' }, { sort: { rank: -1 }, batchSize: 1 }));
      expect(ids(found)).toEqual(['p5', 'p3', 'p2', 'p7']);
    });

    it('streams 5,000 documents in _id order, each exactly once', async () => {
      const many = ctx.freshCollection<Ranked>();
      // Filled 50 at a time in random order, so storage order is not _id order.
      const order = Array.from({ length: 5000 }, (_, i) => i).sort(() => Math.random() - 0.5);
      for (let start = 0; start < order.length; start += 50) {
        await Promise.all(order.slice(start, start + 50).map((i) => many.insert({ _id: `m${String(i).padStart(5, '0')}`, n: i % 10 })));
      }
      let seen = 0;
      let previous = '';
      for await (const doc of many.iterate({}, { batchSize: 256 })) {
        expect(doc._id > previous).toBe(true);
        previous = doc._id;
        seen += 1;
      }
      expect(seen).toBe(5000);
      expect(await collect(many.iterate({ n: 3 }, { batchSize: 64 }))).toHaveLength(500);
    }, 120_000);

    it('allows writes while iterating and after stopping early', async () => {
      const live = ctx.freshCollection<Ranked>();
      for (let i = 0; i < 20; i++) await live.put({ _id: `l${String(i).padStart(2, '0')}`, n: 0 });
      for await (const doc of live.iterate({}, { batchSize: 5 })) {
        await live.update(doc._id, { $inc: { n: 1 } });
      }
      expect(await live.count({ n: 1 })).toBe(20);
      for await (const doc of live.iterate({}, { batchSize: 5 })) {
        if (doc._id === 'l03') break;
      }
      await live.put({ _id: 'after-break' });
      expect(await live.count()).toBe(21);
    });
  });
}
