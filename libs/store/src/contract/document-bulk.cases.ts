import type { Document } from '../document-store.port';
import type { DocumentContractContext } from '../document-store.contract';
import { InvalidQueryError } from '../errors/invalid-query.error';

interface Transition extends Document {
  msisdn: string;
  imei: string;
  n?: number;
}

export function defineDocumentBulkCases(ctx: DocumentContractContext): void {
  describe('insertMany (bulk conditional write)', () => {
    it('writes every new document and answers true for each, in the order given', async () => {
      const c = ctx.freshCollection<Transition>();
      const docs = Array.from({ length: 250 }, (_, i) => ({
        _id: `m${i}|`,
        msisdn: `m${i}`,
        imei: `i${i}`,
        n: i,
      }));
      expect(await c.insertMany(docs)).toEqual(docs.map(() => true));
      expect(await c.count()).toBe(250);
      expect(await c.get('m249|')).toEqual(docs[249]);
    });

    it('answers false for ids already stored, leaves them untouched and still writes the others', async () => {
      const c = ctx.freshCollection<Transition>();
      await c.insert({ _id: 'b', msisdn: 'winner', imei: 'x' });
      await c.insert({ _id: 'd', msisdn: 'winner', imei: 'x' });
      const outcome = await c.insertMany([
        { _id: 'a', msisdn: 'late', imei: 'y' },
        { _id: 'b', msisdn: 'late', imei: 'y' },
        { _id: 'c', msisdn: 'late', imei: 'y' },
        { _id: 'd', msisdn: 'late', imei: 'y' },
      ]);
      expect(outcome).toEqual([true, false, true, false]);
      expect((await c.find({})).map((d) => [d._id, d.msisdn])).toEqual([
        ['a', 'late'],
        ['b', 'winner'],
        ['c', 'late'],
        ['d', 'winner'],
      ]);
    });

    it('answers false for a document whose unique index value is taken', async () => {
      const c = ctx.freshCollection<Transition>();
      await c.ensureIndex({ fields: { imei: 1 }, unique: true });
      await c.insert({ _id: 'a', msisdn: 'm', imei: 'same' });
      expect(
        await c.insertMany([
          { _id: 'b', msisdn: 'm', imei: 'same' },
          { _id: 'c', msisdn: 'm', imei: 'other' },
        ]),
      ).toEqual([false, true]);
      expect(await c.get('b')).toBeNull();
    });

    it('lets exactly one of two concurrent bulk writes claim each contested id', async () => {
      const c = ctx.freshCollection<Transition>();
      const docs = (who: string) =>
        Array.from({ length: 40 }, (_, i) => ({ _id: `k${i}`, msisdn: who, imei: 'x' }));
      const [first, second] = await Promise.all([c.insertMany(docs('p')), c.insertMany(docs('q'))]);
      for (let i = 0; i < 40; i++) expect([first[i], second[i]].filter(Boolean)).toHaveLength(1);
      const stored = await c.find({});
      expect(stored).toHaveLength(40);
      for (const doc of stored) expect(doc.msisdn).toBe(first[Number(doc._id.slice(1))] ? 'p' : 'q');
    });

    it('answers an empty list for no documents', async () => {
      expect(await ctx.freshCollection<Transition>().insertMany([])).toEqual([]);
    });

    it('refuses an id given twice or an invalid id, writing nothing', async () => {
      const c = ctx.freshCollection<Transition>();
      await expect(
        c.insertMany([
          { _id: 'a', msisdn: 'm', imei: 'x' },
          { _id: 'a', msisdn: 'm', imei: 'y' },
        ]),
      ).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(c.insertMany([{ _id: '', msisdn: 'm', imei: 'x' }])).rejects.toBeInstanceOf(
        InvalidQueryError,
      );
      expect(await c.count()).toBe(0);
    });
  });
}
