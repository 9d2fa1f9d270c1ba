import type { DocumentCollection, DocumentStore } from '@dms/store';
import type { AssociationRecord } from '../domain/subscriber-terminal.model';

/** The subscriber<->terminal history; an entry's id is the id of the event that opened it. */
export class AssociationRepository {
  private readonly collection: DocumentCollection<AssociationRecord>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<AssociationRecord>('associations');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.ensureIndex({ fields: { msisdn: 1, from: 1 }, name: 'by_msisdn_from' });
    await this.collection.ensureIndex({ fields: { imei: 1, from: 1 }, name: 'by_imei_from' });
  }

  get(id: string): Promise<AssociationRecord | null> {
    return this.collection.get(id);
  }

  /** False when the entry exists already (a redelivery). */
  open(entry: AssociationRecord): Promise<boolean> {
    return this.collection.insert(entry);
  }

  /** Closes every open entry of the subscriber except `keepId`; idempotent. */
  async closeOthers(msisdn: string, keepId: string, at: string): Promise<number> {
    let closed = 0;
    for (const entry of await this.collection.find({ msisdn, to: null })) {
      if (entry._id === keepId) continue;
      if (await this.collection.update(entry._id, { $set: { to: at } }, { where: { to: null } })) closed++;
    }
    return closed;
  }

  ofSubscriber(msisdn: string, limit = 1000): Promise<AssociationRecord[]> {
    return this.collection.find({ msisdn }, { sort: { from: 1 }, limit });
  }

  ofTerminal(imei: string, limit = 1000): Promise<AssociationRecord[]> {
    return this.collection.find({ imei }, { sort: { from: 1 }, limit });
  }

  /** Rewrites in batches, so a subscriber with a long history never sits in memory whole. */
  async anonymise(msisdn: string, pseudonymOf: (value: string) => string): Promise<number> {
    let count = 0;
    for (;;) {
      const batch = await this.collection.find({ msisdn }, { limit: 200 });
      if (batch.length === 0) return count;
      for (const entry of batch) {
        await this.collection.put({
          ...entry,
          msisdn: pseudonymOf(entry.msisdn),
          imsi: pseudonymOf(entry.imsi),
          anonymised: true,
        });
        count++;
      }
    }
  }

  drop(msisdn: string): Promise<number> {
    return this.collection.deleteMany({ msisdn });
  }
}
