import { defineKeyValueStoreContract, sleep } from '../key-value-store.contract';
import { createMemoryKeyValueStore } from './memory-key-value.store';

defineKeyValueStoreContract('memory', () => createMemoryKeyValueStore({ sweepIntervalMs: 50 }));

describe('memory key-value store housekeeping', () => {
  it('frees expired keys nobody reads again', async () => {
    const store = createMemoryKeyValueStore({ sweepIntervalMs: 20 });
    for (let i = 0; i < 1_000; i++) await store.set(`k${i}`, 'v', 30);
    await store.set('kept', 'v');
    expect(store.size).toBe(1_001);
    await sleep(150);
    expect(store.size).toBe(1);
    await store.close();
  });
});
