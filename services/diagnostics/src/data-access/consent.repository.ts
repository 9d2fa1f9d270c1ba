import type { ConsentCategory } from '@dms/contracts';
import type { DocumentCollection, DocumentStore } from '@dms/store';
import { consentId, type ConsentRecord } from '../domain/consent.rules';

/** Current decisions, one document per subscriber and category. */
export class ConsentRepository {
  private readonly grants: DocumentCollection<ConsentRecord>;

  constructor(store: DocumentStore) {
    this.grants = store.collection<ConsentRecord>('consent_grants');
  }

  async ensureIndexes(): Promise<void> {
    await this.grants.ensureIndex({ fields: { msisdn: 1 }, name: 'by_msisdn' });
  }

  get(msisdn: string, category: ConsentCategory): Promise<ConsentRecord | null> {
    return this.grants.get(consentId(msisdn, category));
  }

  ofSubscriber(msisdn: string): Promise<ConsentRecord[]> {
    return this.grants.find({ msisdn });
  }

  put(record: ConsentRecord): Promise<void> {
    return this.grants.put(record);
  }
}
