import type { DocumentCollection, DocumentStore, Update } from '@dms/store';
import type { TerminalRecord } from '../domain/subscriber-terminal.model';

/** Terminals by 14-digit IMEI. */
export class TerminalRepository {
  private readonly collection: DocumentCollection<TerminalRecord>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<TerminalRecord>('terminals');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.ensureIndex({ fields: { lastSeenAt: 1 }, name: 'by_lastSeenAt' });
    await this.collection.ensureIndex({ fields: { tac: 1 }, name: 'by_tac' });
  }

  get(imei: string): Promise<TerminalRecord | null> {
    return this.collection.get(imei);
  }

  insert(record: TerminalRecord): Promise<boolean> {
    return this.collection.insert(record);
  }

  update(imei: string, update: Update): Promise<boolean> {
    return this.collection.update(imei, update);
  }

  delete(imei: string): Promise<boolean> {
    return this.collection.delete(imei);
  }

  /** Terminals of this TAC whose names come from the catalog (no DevInfo of their own yet). */
  catalogued(tac: string): AsyncIterable<TerminalRecord> {
    return this.collection.iterate({ tac, inventoryAt: { $exists: false } });
  }

  notSeenSince(before: string, limit: number): Promise<TerminalRecord[]> {
    return this.collection.find({ lastSeenAt: { $lt: before } }, { sort: { lastSeenAt: 1 }, limit });
  }
}
