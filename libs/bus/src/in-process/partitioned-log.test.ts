import { PartitionOutOfRangeError } from '../bus.errors';
import { fnv1a, PartitionedLog } from './partitioned-log';

describe('partitioned log', () => {
  it('puts every record of one key in the same partition, in append order', () => {
    const log = new PartitionedLog(4);
    const partition = log.partitionFor('491700000001');
    for (let i = 0; i < 3; i++) log.append(partition, { key: '491700000001', value: Buffer.from(String(i)), headers: {}, timestamp: 0 });
    expect(log.partitionFor('491700000001')).toBe(partition);
    expect([0, 1, 2].map((o) => log.read(partition, o)?.value?.toString())).toEqual(['0', '1', '2']);
    expect(log.endOffset(partition)).toBe(3);
  });

  it('keeps offsets stable when old records are trimmed', () => {
    const log = new PartitionedLog(1);
    for (let i = 0; i < 5; i++) log.append(0, { key: null, value: Buffer.from(String(i)), headers: {}, timestamp: 0 });
    log.trimBelow(0, 3);
    expect(log.startOffset(0)).toBe(3);
    expect(log.read(0, 2)).toBeUndefined();
    expect(log.read(0, 4)?.value?.toString()).toBe('4');
  });

  it('wakes a reader waiting for the next append', async () => {
    const log = new PartitionedLog(2);
    const wait = log.waitForAppend(1);
    log.append(1, { key: null, value: null, headers: {}, timestamp: 0 });
    await expect(wait.promise).resolves.toBeUndefined();
  });

  it('spreads keys over partitions with a stable hash', () => {
    expect(fnv1a('a')).toBe(0xe40c292c);
    const log = new PartitionedLog(4);
    const used = new Set(Array.from({ length: 100 }, (_, i) => log.partitionFor(`key-${i}`)));
    expect(used.size).toBe(4);
  });

  it('refuses a partition it does not have', () => {
    expect(() => new PartitionedLog(2).read(2, 0)).toThrow(PartitionOutOfRangeError);
  });
});
