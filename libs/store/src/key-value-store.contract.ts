import type { KeyValueStore } from './key-value-store.port';
import { defineKeyValueBasicCases } from './contract/key-value-basic.cases';
import { defineKeyValueCounterCases } from './contract/key-value-counter.cases';
import { defineKeyValueTtlCases } from './contract/key-value-ttl.cases';

/** Must return a new, independent store (client) on every call. */
export type KeyValueStoreFactory = () => KeyValueStore | Promise<KeyValueStore>;

export interface KeyValueContractContext {
  store(): KeyValueStore;
  /** A key no other test (or earlier run against the same server) uses. */
  key(name: string): string;
  factory: KeyValueStoreFactory;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The behaviour every KeyValueStore adapter must share (STYLE.md 9): the in-memory
 * store in unit tests, Redis in integration tests. TTLs are short (tens to hundreds of
 * ms) with generous margins, so the cases are quick without depending on timer precision.
 */
export function defineKeyValueStoreContract(name: string, factory: KeyValueStoreFactory): void {
  describe(`KeyValueStore contract: ${name}`, () => {
    let store: KeyValueStore | undefined;
    const run = Math.random().toString(36).slice(2, 10);
    let sequence = 0;

    beforeAll(async () => {
      store = await factory();
    });
    afterAll(async () => {
      await store?.close();
    });

    const context: KeyValueContractContext = {
      store() {
        if (!store) throw new TypeError('store factory has not run');
        return store;
      },
      key(keyName) {
        sequence += 1;
        return `contract:${run}:${sequence}:${keyName}`;
      },
      factory,
    };

    defineKeyValueBasicCases(context);
    defineKeyValueTtlCases(context);
    defineKeyValueCounterCases(context);
  });
}
