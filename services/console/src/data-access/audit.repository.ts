import type { DocumentCollection, DocumentStore, Filter } from '@dms/store';
import type { Role } from '../domain/roles';

/** One audited act: who (user, role, tenant) did what to whom, and how it went. */
export interface AuditRecord {
  _id: string;
  at: string;
  actor: string;
  actorRole: Role;
  actorTenantId?: string;
  action:
    | 'diagnostics.run'
    | 'settings.resend'
    | 'consent.grant'
    | 'consent.revoke'
    | 'user.create'
    | 'user.disable'
    | 'user.enable'
    | 'user.reset-password';
  /** The subscriber acted on (MSISDN) or the console user (user actions). */
  target: string;
  /** Tenant of the subscriber acted on, so that a corporate admin sees its tenant's entries. */
  targetTenantId?: string;
  deviceId?: string;
  outcome: 'accepted' | 'refused' | 'unavailable' | 'failed';
  /** jobId / reportId / consent category / the reason of a refusal. */
  detail?: string;
}

/** The audit log in the console's own store, append-only. */
export class AuditRepository {
  private readonly entries: DocumentCollection<AuditRecord>;
  private indexed: Promise<void> | undefined;

  constructor(store: DocumentStore) {
    this.entries = store.collection<AuditRecord>('console_audit');
  }

  private ensureIndexes(): Promise<void> {
    this.indexed ??= Promise.all([
      this.entries.ensureIndex({ fields: { at: -1 } }),
      this.entries.ensureIndex({ fields: { targetTenantId: 1, at: -1 } }),
      this.entries.ensureIndex({ fields: { target: 1, at: -1 } }),
    ]).then(() => undefined);
    return this.indexed;
  }

  async append(record: AuditRecord): Promise<void> {
    await this.ensureIndexes();
    await this.entries.put(record);
  }

  async newest(filter: Filter, limit: number): Promise<AuditRecord[]> {
    await this.ensureIndexes();
    return this.entries.find(filter, { sort: { at: -1 }, limit });
  }
}
