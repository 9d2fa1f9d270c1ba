import type { Document } from '../document-store.port';
import type { DocumentContractContext } from '../document-store.contract';
import { InvalidQueryError } from '../errors/invalid-query.error';
import { StoreValueError } from '../errors/store-value.error';

interface Terminal extends Document {
  version?: number;
  kind?: string;
  imei?: string;
  count?: number;
  label?: string;
  attrs?: Record<string, unknown>;
  stats?: Record<string, number>;
}

export function defineDocumentUpdateCases(ctx: DocumentContractContext): void {
  describe('update', () => {
    it('applies $set, $unset and $inc on dotted paths, creating intermediate objects', async () => {
      const terminals = ctx.freshCollection<Terminal>();
      await terminals.put({ _id: 't', attrs: { a: 1 }, count: 1, label: 'x' });
      const changed = await terminals.update('t', {
        $set: { 'attrs.b': 'z', 'stats.first': 5 },
        $unset: ['label', 'attrs.missing'],
        $inc: { count: 2, 'stats.hits': 3 },
      });
      expect(changed).toBe(true);
      expect(await terminals.get('t')).toEqual({ _id: 't', attrs: { a: 1, b: 'z' }, count: 3, stats: { first: 5, hits: 3 } });
    });

    it('replaces a whole nested object with $set', async () => {
      const terminals = ctx.freshCollection<Terminal>();
      await terminals.put({ _id: 't', attrs: { a: 1, b: 2 } });
      await terminals.update('t', { $set: { attrs: { c: [1, 2] } } });
      expect(await terminals.get('t')).toEqual({ _id: 't', attrs: { c: [1, 2] } });
    });

    it('changes nothing and answers false for a missing id without upsert', async () => {
      const terminals = ctx.freshCollection<Terminal>();
      expect(await terminals.update('nobody', { $set: { kind: 'x' } })).toBe(false);
      expect(await terminals.count()).toBe(0);
    });

    it('updates only when `where` still matches (optimistic concurrency)', async () => {
      const terminals = ctx.freshCollection<Terminal>();
      await terminals.put({ _id: 't', version: 1, imei: 'A' });
      expect(await terminals.update('t', { $set: { imei: 'B' }, $inc: { version: 1 } }, { where: { version: 1 } })).toBe(true);
      expect(await terminals.update('t', { $set: { imei: 'C' }, $inc: { version: 1 } }, { where: { version: 1 } })).toBe(false);
      expect(await terminals.get('t')).toEqual({ _id: 't', version: 2, imei: 'B' });
    });

    it('lets exactly one of many concurrent writers holding the same version win', async () => {
      const terminals = ctx.freshCollection<Terminal>();
      await terminals.put({ _id: 't', version: 0 });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => terminals.update('t', { $set: { version: 1, imei: `w${i}` } }, { where: { version: 0 } })),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('increments atomically under concurrency', async () => {
      const terminals = ctx.freshCollection<Terminal>();
      await terminals.put({ _id: 't', count: 0 });
      await Promise.all(Array.from({ length: 50 }, () => terminals.update('t', { $inc: { count: 1 } })));
      expect((await terminals.get('t'))?.count).toBe(50);
    });

    it('upserts a missing document from _id, the equality conditions of where, and the update', async () => {
      const terminals = ctx.freshCollection<Terminal>();
      expect(await terminals.update('t', { $set: { imei: 'A' }, $inc: { count: 1 } }, { upsert: true })).toBe(true);
      expect(await terminals.get('t')).toEqual({ _id: 't', imei: 'A', count: 1 });
      expect(await terminals.update('u', { $set: { imei: 'B' } }, { upsert: true, where: { kind: 'phone' } })).toBe(true);
      expect(await terminals.get('u')).toEqual({ _id: 'u', kind: 'phone', imei: 'B' });
    });

    it('updates an existing document on upsert instead of creating another', async () => {
      const terminals = ctx.freshCollection<Terminal>();
      await terminals.put({ _id: 't', count: 5 });
      expect(await terminals.update('t', { $inc: { count: 1 } }, { upsert: true })).toBe(true);
      expect(await terminals.get('t')).toEqual({ _id: 't', count: 6 });
      expect(await terminals.count()).toBe(1);
    });

    it('answers false on upsert when the id exists but where does not match, leaving it unchanged', async () => {
      const terminals = ctx.freshCollection<Terminal>();
      await terminals.put({ _id: 't', version: 3 });
      expect(await terminals.update('t', { $set: { version: 9 } }, { upsert: true, where: { version: 2 } })).toBe(false);
      expect(await terminals.get('t')).toEqual({ _id: 't', version: 3 });
    });

    it('refuses $inc on a non-number with a typed error and leaves the document unchanged', async () => {
      const terminals = ctx.freshCollection<Terminal>();
      await terminals.put({ _id: 't', label: 'text' });
      await expect(terminals.update('t', { $inc: { label: 1 } })).rejects.toBeInstanceOf(StoreValueError);
      expect(await terminals.get('t')).toEqual({ _id: 't', label: 'text' });
    });

    it('refuses updates that touch _id, conflict, or are empty', async () => {
      const terminals = ctx.freshCollection<Terminal>();
      await terminals.put({ _id: 't' });
      await expect(terminals.update('t', { $set: { _id: 'u' } })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(terminals.update('t', { $set: { attrs: {} }, $unset: ['attrs.a'] })).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(terminals.update('t', {})).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(terminals.update('t', { $push: { a: 1 } } as never)).rejects.toBeInstanceOf(InvalidQueryError);
    });
  });
}
