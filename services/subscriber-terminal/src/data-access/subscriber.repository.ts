import type { DocumentCollection, DocumentStore, Filter, Update } from '@dms/store';
import type { SubscriberRecord } from '../domain/subscriber-terminal.model';

/** Subscribers by MSISDN, with the indexes bulk targeting and the clean-up query on. */
export class SubscriberRepository {
  private readonly collection: DocumentCollection<SubscriberRecord>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<SubscriberRecord>('subscribers');
  }

  async ensureIndexes(): Promise<void> {
    for (const field of [
      'terminal.tac',
      'terminal.model',
      'terminal.manufacturer',
      'terminal.os',
      'terminal.fwV',
      'terminal.imei',
      'tenantId',
      'lastSeenAt',
    ])
      await this.collection.ensureIndex({ fields: { [field]: 1 }, name: `by_${field.replace('.', '_')}` });
  }

  get(msisdn: string): Promise<SubscriberRecord | null> {
    return this.collection.get(msisdn);
  }

  insert(record: SubscriberRecord): Promise<boolean> {
    return this.collection.insert(record);
  }

  update(msisdn: string, update: Update, where?: Filter): Promise<boolean> {
    return this.collection.update(msisdn, update, where === undefined ? {} : { where });
  }

  delete(msisdn: string): Promise<boolean> {
    return this.collection.delete(msisdn);
  }

  /** One page in MSISDN order; the store uses the index of the most selective criterion. */
  page(filter: Filter, limit: number): Promise<SubscriberRecord[]> {
    return this.collection.find(filter, { sort: { _id: 1 }, limit });
  }

  usingTerminal(imei: string): Promise<SubscriberRecord[]> {
    return this.collection.find({ 'terminal.imei': imei }, { limit: 100 });
  }

  /** The next batch not seen since `before`; the clean-up deletes each batch before asking again. */
  notSeenSince(before: string, limit: number): Promise<SubscriberRecord[]> {
    return this.collection.find({ lastSeenAt: { $lt: before } }, { sort: { lastSeenAt: 1 }, limit });
  }

  count(filter: Filter = {}): Promise<number> {
    return this.collection.count(filter);
  }
}
