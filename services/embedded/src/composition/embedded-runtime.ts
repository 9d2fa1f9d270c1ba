import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import {
  createInProcessEventBus,
  createInProcessRpc,
  createKeyValueProcessedEventLog,
  InProcessRpcHub,
  type EventBus,
  type InProcessEventBus,
  type Rpc,
} from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import {
  createEmbeddedStore,
  createMemoryKeyValueStore,
  type DocumentStore,
  type KeyValueStore,
} from '@dms/store';
import { createStoreBusJournal } from '../data-access/bus-journal.store';
import { serviceBus } from './service-bus.facade';

export const EMBEDDED_SOURCE = '/services/embedded';
export const BUS_JOURNAL_FILE = 'bus-journal.sqlite';

export interface EmbeddedRuntimeOptions {
  dataDir: string;
  synchronous: 'normal' | 'full';
  logger: Logger;
}

/**
 * The infrastructure every service shares in the one process: one in-process bus (its
 * journal in `<data dir>/bus-journal.sqlite`), one RPC hub, and per service its own
 * SQLite file and in-memory key-value store, as each service owns its store.
 */
export class EmbeddedRuntime {
  private readonly hub = new InProcessRpcHub();
  private readonly stores: DocumentStore[] = [];
  private readonly caches: KeyValueStore[] = [];
  private readonly rpcs: Rpc[] = [];

  private constructor(
    private readonly options: EmbeddedRuntimeOptions,
    readonly bus: InProcessEventBus,
    private readonly journalStore: DocumentStore,
  ) {}

  /** Absolute. */
  get dataDir(): string {
    return this.options.dataDir;
  }

  static async open(options: EmbeddedRuntimeOptions): Promise<EmbeddedRuntime> {
    const dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
    const journalStore = createEmbeddedStore({
      file: join(dataDir, BUS_JOURNAL_FILE),
      synchronous: options.synchronous,
    });
    const journal = await createStoreBusJournal(journalStore);
    // Ids of handled events, per group: repeats of one fact (same id) are skipped while the process lives.
    const processedLog = createKeyValueProcessedEventLog({
      store: createMemoryKeyValueStore(),
      prefix: 'embedded:processed:',
    });
    const bus = createInProcessEventBus({
      source: EMBEDDED_SOURCE,
      journal,
      processedLog,
      logger: options.logger.child({ module: 'bus' }),
    });
    return new EmbeddedRuntime({ ...options, dataDir }, bus, journalStore);
  }

  /** The bus as one service sees it: its own `ce_source`, the shared logs. */
  busFor(source: string): EventBus {
    return serviceBus(this.bus, source);
  }

  rpcFor(service: string): Rpc {
    const rpc = createInProcessRpc({
      hub: this.hub,
      logger: this.options.logger.child({ module: `${service}.rpc` }),
    });
    this.rpcs.push(rpc);
    return rpc;
  }

  /** `<data dir>/<service>.sqlite`. */
  storeFor(service: string): DocumentStore {
    const store = createEmbeddedStore({
      file: join(this.dataDir, `${service}.sqlite`),
      synchronous: this.options.synchronous,
    });
    this.stores.push(store);
    return store;
  }

  cacheFor(): KeyValueStore {
    const cache = createMemoryKeyValueStore();
    this.caches.push(cache);
    return cache;
  }

  async closeRpc(): Promise<void> {
    await Promise.all(this.rpcs.map((rpc) => rpc.close()));
  }

  /** Drains every subscription (each commits its in-flight record), then closes the journal. */
  async closeBus(): Promise<void> {
    try {
      await this.bus.close();
    } finally {
      await this.journalStore.close();
    }
  }

  async closeStores(): Promise<void> {
    await Promise.all([
      ...this.caches.map((cache) => cache.close()),
      ...this.stores.map((store) => store.close()),
    ]);
  }
}
