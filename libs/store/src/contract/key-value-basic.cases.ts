import type { KeyValueContractContext } from '../key-value-store.contract';
import { StoreClosedError } from '../errors/store-closed.error';

export function defineKeyValueBasicCases(ctx: KeyValueContractContext): void {
  describe('values', () => {
    it('answers null for a key never set', async () => {
      const key = ctx.key('missing');
      expect(await ctx.store().get(key)).toBeNull();
      expect(await ctx.store().getBuffer(key)).toBeNull();
    });

    it('returns what was set, and the last value after an overwrite', async () => {
      const key = ctx.key('value');
      await ctx.store().set(key, 'first ✓');
      expect(await ctx.store().get(key)).toBe('first ✓');
      await ctx.store().set(key, 'second');
      expect(await ctx.store().get(key)).toBe('second');
    });

    it('keeps binary values byte for byte', async () => {
      const key = ctx.key('binary');
      const bytes = Buffer.from([0x00, 0xff, 0x80, 0x0a, 0xc3, 0x28, 0x00]);
      await ctx.store().set(key, bytes);
      expect(await ctx.store().getBuffer(key)).toEqual(bytes);
    });

    it('reads text set as a string as its UTF-8 bytes and a UTF-8 buffer as text', async () => {
      const text = ctx.key('text');
      await ctx.store().set(text, 'nonce-ü');
      expect(await ctx.store().getBuffer(text)).toEqual(Buffer.from('nonce-ü', 'utf8'));
      const buffer = ctx.key('buffer');
      await ctx.store().set(buffer, Buffer.from('session-ß', 'utf8'));
      expect(await ctx.store().get(buffer)).toBe('session-ß');
    });

    it('deletes and reports whether the key existed', async () => {
      const key = ctx.key('delete');
      await ctx.store().set(key, 'v');
      expect(await ctx.store().delete(key)).toBe(true);
      expect(await ctx.store().delete(key)).toBe(false);
      expect(await ctx.store().get(key)).toBeNull();
    });

    it('sets only an absent key', async () => {
      const key = ctx.key('nx');
      expect(await ctx.store().setIfAbsent(key, 'a')).toBe(true);
      expect(await ctx.store().setIfAbsent(key, 'b')).toBe(false);
      expect(await ctx.store().get(key)).toBe('a');
    });

    it('lets exactly one of 100 concurrent setIfAbsent callers win, and keeps the winner value', async () => {
      const key = ctx.key('lock');
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => ctx.store().setIfAbsent(key, `owner-${i}`, 5_000)),
      );
      const winners = results.flatMap((won, i) => (won ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(await ctx.store().get(key)).toBe(`owner-${winners[0]}`);
    });

    it('answers ping while open, and refuses work with StoreClosedError once closed', async () => {
      const own = await ctx.factory();
      expect(await own.ping()).toBe(true);
      await own.close();
      expect(await own.ping()).toBe(false);
      await expect(own.get(ctx.key('closed'))).rejects.toBeInstanceOf(StoreClosedError);
      await expect(own.set(ctx.key('closed'), 'v')).rejects.toBeInstanceOf(StoreClosedError);
    });
  });
}
