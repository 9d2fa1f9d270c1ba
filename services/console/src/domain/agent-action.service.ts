import type { ConsentCategory } from '@dms/contracts';
import { ServiceRefusedError, type ServiceClient } from '../data-access/service.client';
import type { AuditEntry, AuditFact, AuditService } from './audit.service';
import { ConsoleRequestError, ServiceUnavailableError } from './console.errors';
import { deviceIdOf } from './device-id';
import type { Principal } from './roles';
import type { SubscriberLookupService } from './subscriber-lookup.service';

export interface ActionResult {
  audit: AuditEntry;
  jobId?: string;
  reportId?: string;
}

/** Who started a job, as the services record it (`console:<user>`, diagnostics' `decidedBy` form). */
const requester = (principal: Principal): string => `console:${principal.username}`;

/**
 * What an agent does to a handset, and consent changes. Each act is checked against the
 * caller's scope first (404 outside it), then done over RPC, then written to the audit log
 * whatever the outcome, so a refused or failed attempt is on record too.
 */
export class AgentActionService {
  constructor(
    private readonly services: ServiceClient,
    private readonly lookup: SubscriberLookupService,
    private readonly audit: AuditService,
  ) {}

  async rerunDiagnostics(principal: Principal, msisdn: string): Promise<ActionResult> {
    const subscriber = await this.lookup.visibleSubscriber(principal, msisdn);
    const base = { action: 'diagnostics.run', target: msisdn, ...tenant(subscriber) } as const;
    return this.audited(principal, base, async () => {
      const answer = await this.services.call('diagnostics.run.v1', {
        msisdn,
        requestedBy: requester(principal),
      });
      return {
        deviceId: answer.deviceId,
        detail: `report ${answer.reportId}`,
        result: { reportId: answer.reportId },
      };
    });
  }

  async resendSettings(principal: Principal, msisdn: string): Promise<ActionResult> {
    const subscriber = await this.lookup.visibleSubscriber(principal, msisdn);
    if (subscriber.terminal === null)
      throw new ConsoleRequestError(`subscriber ${msisdn} has no known handset to send settings to`);
    const deviceId = deviceIdOf(subscriber.terminal);
    const base = { action: 'settings.resend', target: msisdn, deviceId, ...tenant(subscriber) } as const;
    return this.audited(principal, base, async () => {
      const answer = await this.services.call('config.resend.v1', {
        deviceId,
        msisdn,
        requestedBy: requester(principal),
      });
      return { deviceId, detail: `job ${answer.jobId}`, result: { jobId: answer.jobId } };
    });
  }

  async setConsent(
    principal: Principal,
    msisdn: string,
    change: { category: ConsentCategory; decision: 'grant' | 'revoke'; until?: string },
  ): Promise<ActionResult & { grant?: unknown }> {
    const subscriber = await this.lookup.visibleSubscriber(principal, msisdn);
    const base = {
      action: change.decision === 'grant' ? 'consent.grant' : 'consent.revoke',
      target: msisdn,
      ...tenant(subscriber),
    } as const;
    return this.audited(principal, base, async () => {
      const answer = await this.services.call('diagnostics.set-consent.v1', {
        msisdn,
        category: change.category,
        decision: change.decision,
        ...(change.until === undefined ? {} : { until: change.until }),
        decidedBy: requester(principal),
      });
      const until = change.until === undefined ? '' : ` until ${change.until}`;
      return { detail: `${change.category}${until}`, result: { grant: answer.grant } };
    });
  }

  private async audited<R extends object>(
    principal: Principal,
    base: Omit<AuditFact, 'outcome'>,
    act: () => Promise<{ deviceId?: string; detail: string; result: R }>,
  ): Promise<ActionResult & R> {
    try {
      const done = await act();
      const audit = await this.audit.record(principal, {
        ...base,
        ...(done.deviceId === undefined ? {} : { deviceId: done.deviceId }),
        outcome: 'accepted',
        detail: done.detail,
      });
      return { audit, ...done.result };
    } catch (error) {
      const outcome =
        error instanceof ServiceUnavailableError
          ? 'unavailable'
          : error instanceof ServiceRefusedError
            ? 'refused'
            : 'failed';
      await this.audit.record(principal, {
        ...base,
        outcome,
        detail: error instanceof Error ? error.message.slice(0, 300) : 'failed',
      });
      throw error;
    }
  }
}

function tenant(subscriber: { tenantId?: string }): { targetTenantId?: string } {
  return subscriber.tenantId === undefined ? {} : { targetTenantId: subscriber.tenantId };
}
