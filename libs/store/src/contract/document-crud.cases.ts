import type { Document } from '../document-store.port';
import type { DocumentContractContext } from '../document-store.contract';
import { InvalidQueryError } from '../errors/invalid-query.error';

interface Device extends Document {
  model?: string;
  flags?: { ota: boolean; tags: string[] };
  note?: string | null;
  n?: number;
}

export function defineDocumentCrudCases(ctx: DocumentContractContext): void {
  describe('documents', () => {
    it('returns a stored document unchanged, including nested objects, arrays, null and unicode', async () => {
      const devices = ctx.freshCollection<Device>();
      const doc: Device = { _id: 'imei-1', model: 'Nokia 3310 — ünïcode ✓', flags: { ota: true, tags: ['a', 'b'] }, note: null, n: 1.5 };
      await devices.put(doc);
      expect(await devices.get('imei-1')).toEqual(doc);
    });

    it('answers null for an id that was never stored', async () => {
      expect(await ctx.freshCollection<Device>().get('missing')).toBeNull();
    });

    it('replaces the whole document on put, dropping fields the new one lacks', async () => {
      const devices = ctx.freshCollection<Device>();
      await devices.put({ _id: 'd', model: 'old', note: 'x' });
      await devices.put({ _id: 'd', model: 'new' });
      expect(await devices.get('d')).toEqual({ _id: 'd', model: 'new' });
    });

    it('inserts only when the id is absent and leaves the existing document untouched', async () => {
      const devices = ctx.freshCollection<Device>();
      expect(await devices.insert({ _id: 'd', model: 'first' })).toBe(true);
      expect(await devices.insert({ _id: 'd', model: 'second' })).toBe(false);
      expect(await devices.get('d')).toEqual({ _id: 'd', model: 'first' });
    });

    it('lets exactly one of many concurrent inserts of the same id win', async () => {
      const devices = ctx.freshCollection<Device>();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => devices.insert({ _id: 'race', n: i })));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await devices.count({})).toBe(1);
    });

    it('deletes by id and reports whether something was deleted', async () => {
      const devices = ctx.freshCollection<Device>();
      await devices.put({ _id: 'd' });
      expect(await devices.delete('d')).toBe(true);
      expect(await devices.delete('d')).toBe(false);
      expect(await devices.get('d')).toBeNull();
    });

    it('deletes every match of a filter and counts them', async () => {
      const devices = ctx.freshCollection<Device>();
      for (let i = 0; i < 10; i++) await devices.put({ _id: `d${i}`, n: i % 3 });
      expect(await devices.deleteMany({ n: 0 })).toBe(4);
      expect(await devices.count()).toBe(6);
      expect(await devices.count({ n: 0 })).toBe(0);
      expect(await devices.deleteMany({ n: 99 })).toBe(0);
    });

    it('counts all documents or the matches of a filter', async () => {
      const devices = ctx.freshCollection<Device>();
      expect(await devices.count()).toBe(0);
      for (let i = 0; i < 7; i++) await devices.put({ _id: `d${i}`, n: i });
      expect(await devices.count()).toBe(7);
      expect(await devices.count({ n: { $gte: 5 } })).toBe(2);
    });

    it('refuses a document without a string _id', async () => {
      const devices = ctx.freshCollection<Device>();
      await expect(devices.put({ _id: '' })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(devices.insert({ _id: 42 } as unknown as Device)).rejects.toBeInstanceOf(InvalidQueryError);
    });

    it('refuses filters outside the portable subset', async () => {
      const devices = ctx.freshCollection<Device>();
      await expect(devices.find({ 'a..b': 1 })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(devices.find({ "a') OR 1=1 --": 1 })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(devices.find({ n: { $regex: 'x' } as never })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(devices.find({ n: { $gt: null } as never })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(devices.count({ $where: 'true' } as never)).rejects.toBeInstanceOf(InvalidQueryError);
    });

    it('answers ping while open', async () => {
      expect(await ctx.store().ping()).toBe(true);
    });
  });
}
