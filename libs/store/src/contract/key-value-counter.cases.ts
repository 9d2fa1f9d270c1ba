import { sleep, type KeyValueContractContext } from '../key-value-store.contract';
import { InvalidQueryError } from '../errors/invalid-query.error';
import { StoreValueError } from '../errors/store-value.error';

export function defineKeyValueCounterCases(ctx: KeyValueContractContext): void {
  describe('counters', () => {
    it('starts a missing counter at 0 and adds by, also negative', async () => {
      const key = ctx.key('counter');
      expect(await ctx.store().increment(key)).toBe(1);
      expect(await ctx.store().increment(key, 10)).toBe(11);
      expect(await ctx.store().increment(key, -12)).toBe(-1);
      expect(await ctx.store().get(key)).toBe('-1');
    });

    it('increments atomically: 100 concurrent callers each see a distinct value', async () => {
      const key = ctx.key('atomic');
      const values = await Promise.all(Array.from({ length: 100 }, () => ctx.store().increment(key, 1, 10_000)));
      expect(new Set(values).size).toBe(100);
      expect(Math.max(...values)).toBe(100);
      expect(await ctx.store().get(key)).toBe('100');
    });

    it('applies the TTL only when the counter is created (a fixed window)', async () => {
      const key = ctx.key('window');
      await ctx.store().increment(key, 1, 150);
      await sleep(60);
      await ctx.store().increment(key, 1, 10_000);
      expect(await ctx.store().ttl(key)).toBeLessThanOrEqual(150);
      await sleep(200);
      expect(await ctx.store().get(key)).toBeNull();
      expect(await ctx.store().increment(key, 1, 10_000)).toBe(1);
    });

    it('does not add a TTL to an existing counter without one', async () => {
      const key = ctx.key('no-ttl');
      await ctx.store().increment(key);
      await ctx.store().increment(key, 1, 100);
      expect(await ctx.store().ttl(key)).toBeNull();
    });

    it('counts on a value set as decimal text', async () => {
      const key = ctx.key('text-number');
      await ctx.store().set(key, '41');
      expect(await ctx.store().increment(key)).toBe(42);
    });

    it('refuses to increment a value that is not an integer, leaving it unchanged', async () => {
      const key = ctx.key('not-a-number');
      await ctx.store().set(key, 'abc');
      await expect(ctx.store().increment(key)).rejects.toBeInstanceOf(StoreValueError);
      expect(await ctx.store().get(key)).toBe('abc');
      await expect(ctx.store().increment(key, 1.5)).rejects.toBeInstanceOf(InvalidQueryError);
    });
  });
}
