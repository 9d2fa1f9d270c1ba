import { ConsentCategory, type ConsentGrant } from '@dms/contracts';
import type { ConsentAuditRepository, ConsentAuditEntry } from '../data-access/consent-audit.repository';
import type { ConsentRepository } from '../data-access/consent.repository';
import { applyDecision, effectiveConsent, grantView, type ConsentDecision, type EffectiveConsent } from './consent.rules';

export type Clock = () => Date;

/** Consent grants (ARCHITECTURE.md: diagnostics owns them); every change is audited. */
export class ConsentService {
  constructor(
    private readonly grants: ConsentRepository,
    private readonly audit: ConsentAuditRepository,
    private readonly clock: Clock,
  ) {}

  async check(msisdn: string, category: ConsentCategory): Promise<EffectiveConsent> {
    return effectiveConsent(await this.grants.get(msisdn, category), this.clock());
  }

  async ofSubscriber(msisdn: string): Promise<ConsentGrant[]> {
    const records = new Map((await this.grants.ofSubscriber(msisdn)).map((r) => [r.category, r]));
    const now = this.clock();
    return ConsentCategory.options.map((c) => grantView(msisdn, c, records.get(c) ?? null, now));
  }

  /** Writes the decision and its audit entry; a decision that changes nothing writes neither. */
  async decide(decision: ConsentDecision): Promise<ConsentGrant> {
    const now = this.clock();
    const current = await this.grants.get(decision.msisdn, decision.category);
    const next = applyDecision(decision, now);
    const before = effectiveConsent(current, now);
    const after = effectiveConsent(next, now);
    const unchanged = current !== null && current.state === next.state && current.until === next.until && before.state === after.state;
    if (unchanged) return grantView(decision.msisdn, decision.category, current, now);
    await this.grants.put(next);
    await this.audit.append({
      msisdn: decision.msisdn,
      category: decision.category,
      action: decision.decision,
      decidedBy: decision.decidedBy,
      at: now.toISOString(),
      before,
      after,
    });
    return grantView(decision.msisdn, decision.category, next, now);
  }

  /**
   * The handset's answer to the 1101 alert of a job: allows (or refuses) that one job, so
   * the stored state stays as it was; audited once per report.
   */
  async recordHandsetAnswer(msisdn: string, reportId: string, accepted: boolean): Promise<void> {
    const now = this.clock();
    const state = await this.check(msisdn, 'read-diagnostics');
    await this.audit.append(
      {
        msisdn,
        category: 'read-diagnostics',
        action: accepted ? 'one-off-accept' : 'one-off-decline',
        decidedBy: 'handset',
        at: now.toISOString(),
        before: state,
        after: state,
        reportId,
      },
      `one-off:${reportId}`,
    );
  }

  history(msisdn: string, limit = 100): Promise<ConsentAuditEntry[]> {
    return this.audit.ofSubscriber(msisdn, limit);
  }
}
