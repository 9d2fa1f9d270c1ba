import { randomUUID } from 'node:crypto';
import type { ConsentCategory, ConsentState } from '@dms/contracts';
import type { DocumentCollection, DocumentStore } from '@dms/store';

/**
 * One change of a subscriber's consent (collection `consent_audit`): who, when, the state
 * before and after. `one-off` entries record a handset's answer to a confirmation alert,
 * which allows (or refuses) one job and changes no stored grant.
 */
export interface ConsentAuditEntry {
  _id: string;
  msisdn: string;
  category: ConsentCategory;
  action: 'grant' | 'revoke' | 'one-off-accept' | 'one-off-decline';
  decidedBy: string;
  at: string;
  before: { state: ConsentState; until?: string };
  after: { state: ConsentState; until?: string };
  /** The report whose job asked, for one-off answers. */
  reportId?: string;
}

export class ConsentAuditRepository {
  private readonly entries: DocumentCollection<ConsentAuditEntry>;

  constructor(store: DocumentStore) {
    this.entries = store.collection<ConsentAuditEntry>('consent_audit');
  }

  async ensureIndexes(): Promise<void> {
    await this.entries.ensureIndex({ fields: { msisdn: 1, at: -1 }, name: 'by_msisdn_at' });
  }

  /** `id` makes a replayed one-off answer (a redelivered job result) write one entry only. */
  async append(entry: Omit<ConsentAuditEntry, '_id'>, id: string = randomUUID()): Promise<void> {
    await this.entries.insert({ _id: id, ...entry });
  }

  /** Newest first. */
  ofSubscriber(msisdn: string, limit: number): Promise<ConsentAuditEntry[]> {
    return this.entries.find({ msisdn }, { sort: { at: -1 }, limit });
  }
}
