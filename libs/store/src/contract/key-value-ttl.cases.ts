import { sleep, type KeyValueContractContext } from '../key-value-store.contract';
import { InvalidQueryError } from '../errors/invalid-query.error';

export function defineKeyValueTtlCases(ctx: KeyValueContractContext): void {
  describe('time to live', () => {
    it('hides a key as soon as its TTL has passed', async () => {
      const key = ctx.key('ttl');
      await ctx.store().set(key, 'v', 100);
      expect(await ctx.store().get(key)).toBe('v');
      await sleep(200);
      expect(await ctx.store().get(key)).toBeNull();
      expect(await ctx.store().getBuffer(key)).toBeNull();
      expect(await ctx.store().ttl(key)).toBeNull();
      expect(await ctx.store().delete(key)).toBe(false);
    });

    it('reports the remaining TTL, and null for a missing key or one without TTL', async () => {
      const withTtl = ctx.key('with');
      await ctx.store().set(withTtl, 'v', 10_000);
      const remaining = await ctx.store().ttl(withTtl);
      expect(remaining).toBeGreaterThan(9_000);
      expect(remaining).toBeLessThanOrEqual(10_000);
      const without = ctx.key('without');
      await ctx.store().set(without, 'v');
      expect(await ctx.store().ttl(without)).toBeNull();
      expect(await ctx.store().ttl(ctx.key('never'))).toBeNull();
    });

    it('drops the TTL when a key is set again without one (Redis SET semantics)', async () => {
      const key = ctx.key('reset');
      await ctx.store().set(key, 'a', 100);
      await ctx.store().set(key, 'b');
      await sleep(200);
      expect(await ctx.store().get(key)).toBe('b');
      expect(await ctx.store().ttl(key)).toBeNull();
    });

    it('lets setIfAbsent win again once the previous holder expired', async () => {
      const key = ctx.key('lease');
      expect(await ctx.store().setIfAbsent(key, 'first', 80)).toBe(true);
      expect(await ctx.store().setIfAbsent(key, 'second', 80)).toBe(false);
      await sleep(200);
      expect(await ctx.store().setIfAbsent(key, 'third', 5_000)).toBe(true);
      expect(await ctx.store().get(key)).toBe('third');
    });

    it('expire sets a TTL on an existing key only', async () => {
      const key = ctx.key('expire');
      expect(await ctx.store().expire(key, 100)).toBe(false);
      await ctx.store().set(key, 'v');
      expect(await ctx.store().expire(key, 100)).toBe(true);
      expect(await ctx.store().ttl(key)).toBeGreaterThan(0);
      await sleep(200);
      expect(await ctx.store().get(key)).toBeNull();
    });

    it('expire can extend a TTL (keeping a session alive)', async () => {
      const key = ctx.key('extend');
      await ctx.store().set(key, 'v', 100);
      await ctx.store().expire(key, 5_000);
      await sleep(200);
      expect(await ctx.store().get(key)).toBe('v');
    });

    it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('refuses a TTL of %p', async (ttl) => {
      const key = ctx.key('bad-ttl');
      await expect(ctx.store().set(key, 'v', ttl)).rejects.toBeInstanceOf(InvalidQueryError);
      await expect(ctx.store().expire(key, ttl)).rejects.toBeInstanceOf(InvalidQueryError);
      expect(await ctx.store().get(key)).toBeNull();
    });
  });
}
