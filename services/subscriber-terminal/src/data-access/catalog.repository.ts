import type { DocumentCollection, DocumentStore, Filter, Update } from '@dms/store';
import type { CatalogEntry } from '../domain/subscriber-terminal.model';

/** The terminal catalog by TAC. */
export class CatalogRepository {
  private readonly collection: DocumentCollection<CatalogEntry>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<CatalogEntry>('catalog');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.ensureIndex({
      fields: { manufacturer: 1, model: 1 },
      name: 'by_manufacturer_model',
    });
  }

  get(tac: string): Promise<CatalogEntry | null> {
    return this.collection.get(tac);
  }

  put(entry: CatalogEntry): Promise<void> {
    return this.collection.put(entry);
  }

  update(tac: string, update: Update, options: { upsert?: boolean; where?: Filter } = {}): Promise<boolean> {
    return this.collection.update(tac, update, options);
  }

  find(filter: Filter, limit: number): Promise<CatalogEntry[]> {
    return this.collection.find(filter, { sort: { _id: 1 }, limit });
  }
}
