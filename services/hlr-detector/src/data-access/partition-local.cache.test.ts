import type { KnownState } from '../domain/detection.ports';
import { stateOf } from '../domain/subscriber-state';
import { PartitionLocalCache } from './partition-local.cache';

function known(msisdn: string, observedAt = '2026-11-28T10:00:00Z'): KnownState {
  const state = stateOf({
    msisdn,
    imsi: '262011234567890',
    imei: '490154203237518',
    observedAt,
    source: 's',
  });
  return { state, version: observedAt, versionMs: state.observedAtMs };
}

/** Handles the message at `offset` of `partition` the way the subscription does. */
function handle(cache: PartitionLocalCache, partition: number, offset: number, fill?: KnownState): void {
  const position = { partition, offset: String(offset) };
  cache.enter(position);
  if (fill) cache.set(fill, position);
  cache.leave(position);
}

describe('PartitionLocalCache', () => {
  it('keeps entries while a partition is read without gaps', () => {
    const cache = new PartitionLocalCache(10);
    handle(cache, 0, 5, known('1'));
    handle(cache, 0, 6);
    cache.enter({ partition: 0, offset: '7' });
    expect(cache.get('1', { partition: 0, offset: '7' })).toEqual(known('1'));
  });

  it('drops a partition entries when its offsets jump (another member read it meanwhile)', () => {
    const cache = new PartitionLocalCache(10);
    handle(cache, 0, 5, known('1'));
    handle(cache, 1, 9, known('2'));
    cache.enter({ partition: 0, offset: '12' });
    expect(cache.get('1', { partition: 0, offset: '12' })).toBeUndefined();
    expect(cache.get('2', { partition: 1, offset: '10' })).toEqual(known('2'));
  });

  it('drops a partition entries when its offsets step back (redelivery)', () => {
    const cache = new PartitionLocalCache(10);
    handle(cache, 0, 5, known('1'));
    cache.enter({ partition: 0, offset: '3' });
    expect(cache.get('1', { partition: 0, offset: '3' })).toBeUndefined();
  });

  it('keeps entries when the same message is retried after a failed attempt', () => {
    const cache = new PartitionLocalCache(10);
    handle(cache, 0, 5, known('1'));
    cache.enter({ partition: 0, offset: '6' });
    // the handler failed: no leave(); the bus retries offset 6
    cache.enter({ partition: 0, offset: '6' });
    expect(cache.get('1', { partition: 0, offset: '6' })).toEqual(known('1'));
  });

  it('answers only for the partition an entry came from', () => {
    const cache = new PartitionLocalCache(10);
    handle(cache, 0, 5, known('1'));
    expect(cache.get('1', { partition: 2, offset: '0' })).toBeUndefined();
  });

  it('forgets the least recently used entry beyond its bound', () => {
    const cache = new PartitionLocalCache(2);
    handle(cache, 0, 0, known('1'));
    handle(cache, 0, 1, known('2'));
    cache.get('1', { partition: 0, offset: '2' });
    handle(cache, 0, 2, known('3'));
    expect(cache.size).toBe(2);
    expect(cache.get('2', { partition: 0, offset: '3' })).toBeUndefined();
    expect(cache.get('1', { partition: 0, offset: '3' })).toBeDefined();
  });

  it('holds nothing when disabled', () => {
    const cache = new PartitionLocalCache(0);
    handle(cache, 0, 0, known('1'));
    expect(cache.get('1', { partition: 0, offset: '1' })).toBeUndefined();
  });
});
