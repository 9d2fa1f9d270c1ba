import { LruCache } from './tac-lru.cache';

describe('LruCache', () => {
  it('evicts the least recently read entry beyond its capacity', () => {
    const cache = new LruCache<number>(2, 1000, () => 0);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });
  it('forgets an entry once its time to live has passed', () => {
    let now = 0;
    const cache = new LruCache<number>(10, 100, () => now);
    cache.set('a', 1);
    now = 99;
    expect(cache.get('a')).toBe(1);
    now = 100;
    expect(cache.get('a')).toBeUndefined();
  });
  it('holds nothing with capacity 0', () => {
    const cache = new LruCache<number>(0, 100);
    cache.set('a', 1);
    expect(cache.size).toBe(0);
  });
});
