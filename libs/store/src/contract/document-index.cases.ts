import type { Document } from '../document-store.port';
import type { DocumentContractContext } from '../document-store.contract';
import { DuplicateKeyError } from '../errors/duplicate-key.error';

interface Account extends Document {
  username?: string;
  tenant?: string;
  n?: number;
}

export function defineDocumentIndexCases(ctx: DocumentContractContext): void {
  describe('indexes', () => {
    it('creates an index idempotently and still answers queries on it', async () => {
      const accounts = ctx.freshCollection<Account>();
      await accounts.ensureIndex({ fields: { tenant: 1, n: -1 } });
      await accounts.ensureIndex({ fields: { tenant: 1, n: -1 } });
      for (let i = 0; i < 30; i++) await accounts.put({ _id: `a${i}`, tenant: `t${i % 3}`, n: i });
      const found = await accounts.find({ tenant: 't1', n: { $gte: 10 } }, { sort: { n: -1 } });
      expect(found.map((a) => a.n)).toEqual([28, 25, 22, 19, 16, 13, 10]);
    });

    it('answers false on insert when a unique index value is taken', async () => {
      const accounts = ctx.freshCollection<Account>();
      await accounts.ensureIndex({ fields: { username: 1 }, unique: true, name: 'username_unique' });
      expect(await accounts.insert({ _id: 'a1', username: 'alice' })).toBe(true);
      expect(await accounts.insert({ _id: 'a2', username: 'alice' })).toBe(false);
      expect(await accounts.insert({ _id: 'a3', username: 'bob' })).toBe(true);
      expect(await accounts.get('a2')).toBeNull();
    });

    it('refuses a put or update that would duplicate a unique value with DuplicateKeyError', async () => {
      const accounts = ctx.freshCollection<Account>();
      await accounts.ensureIndex({ fields: { username: 1 }, unique: true });
      await accounts.put({ _id: 'a1', username: 'alice' });
      await accounts.put({ _id: 'a2', username: 'bob' });
      await expect(accounts.put({ _id: 'a3', username: 'alice' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(accounts.update('a2', { $set: { username: 'alice' } })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await accounts.get('a2')).toEqual({ _id: 'a2', username: 'bob' });
      await accounts.put({ _id: 'a1', username: 'alice', n: 1 });
      expect(await accounts.get('a1')).toEqual({ _id: 'a1', username: 'alice', n: 1 });
    });

    it('lets many documents without the field coexist under a unique index', async () => {
      const accounts = ctx.freshCollection<Account>();
      await accounts.ensureIndex({ fields: { username: 1 }, unique: true });
      expect(await accounts.insert({ _id: 'a1', tenant: 't' })).toBe(true);
      expect(await accounts.insert({ _id: 'a2', tenant: 't' })).toBe(true);
      await accounts.put({ _id: 'a3', tenant: 't' });
      expect(await accounts.count({ username: { $exists: false } })).toBe(3);
    });
  });
}
