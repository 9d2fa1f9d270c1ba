import { randomUUID } from 'node:crypto';
import type { AuditRecord, AuditRepository } from '../data-access/audit.repository';
import type { Principal } from './roles';

export type AuditEntry = Omit<AuditRecord, '_id'> & { id: string };
export type AuditFact = Pick<AuditRecord, 'action' | 'target' | 'outcome'> &
  Partial<Pick<AuditRecord, 'targetTenantId' | 'deviceId' | 'detail'>>;

const view = ({ _id, ...rest }: AuditRecord): AuditEntry => ({ id: _id, ...rest });

/** Records every action and consent change, and shows each viewer its part of the log. */
export class AuditService {
  constructor(
    private readonly repository: AuditRepository,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(principal: Principal, fact: AuditFact): Promise<AuditEntry> {
    const record: AuditRecord = {
      _id: randomUUID(),
      at: this.now().toISOString(),
      actor: principal.username,
      actorRole: principal.role,
      ...(principal.tenantId === undefined ? {} : { actorTenantId: principal.tenantId }),
      ...fact,
    };
    await this.repository.append(record);
    return view(record);
  }

  /** Operator-wide roles see all; a corporate admin the entries about its tenant's subscribers. */
  async visibleTo(principal: Principal, limit: number): Promise<AuditEntry[]> {
    if (principal.role === 'corporate-admin')
      return (await this.repository.newest({ targetTenantId: principal.tenantId ?? '\u0000' }, limit)).map(
        view,
      );
    if (principal.role === 'end-user')
      return (await this.repository.newest({ target: principal.msisdn ?? '\u0000' }, limit)).map(view);
    return (await this.repository.newest({}, limit)).map(view);
  }

  /** The jobs started from the console on one subscriber (the page's "jobs and actions"). */
  async forSubscriber(msisdn: string): Promise<AuditEntry[]> {
    return (await this.repository.newest({ target: msisdn }, 20)).map(view);
  }
}
