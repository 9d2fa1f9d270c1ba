import type { RpcResponse } from '@dms/contracts';
import type { ServiceClient } from '../data-access/service.client';
import { canSeeSubscriber } from './access.policy';
import type { AuditService } from './audit.service';
import { SubscriberNotFoundError } from './console.errors';
import { deviceIdOf } from './device-id';
import { isOperatorWide, type Principal } from './roles';
import { tenantOf } from './tenant';

type Subscriber = NonNullable<RpcResponse<'subscriber-terminal.get-subscriber.v1'>['subscriber']>;
type Terminal = NonNullable<RpcResponse<'subscriber-terminal.get-terminal.v1'>['terminal']>;

/** A part of the page that comes from another service: its data, or why it is missing. */
export type Section<T> = { available: true; data: T } | { available: false; reason: string };

/** The subscriber/device page: subscriber-terminal's data plus config, diagnostics and the console's own jobs. */
export interface SubscriberPage {
  /** Null for a handset that no subscriber uses (operator-wide roles only). */
  subscriber: (Omit<Subscriber, 'terminal' | 'history'> & { tenantId?: string }) | null;
  terminal: Terminal | null;
  deviceId: string | null;
  history: Subscriber['history'];
  settings: Section<RpcResponse<'config.device-state.v1'>['state']>;
  reports: Section<RpcResponse<'diagnostics.list-reports.v1'>['reports']>;
  consent: Section<RpcResponse<'diagnostics.get-consent.v1'>['grants']>;
  jobs: Awaited<ReturnType<AuditService['forSubscriber']>>;
}

function section<T, R>(
  answer: { available: true; value: R } | { available: false; reason: string },
  pick: (value: R) => T,
): Section<T> {
  return answer.available ? { available: true, data: pick(answer.value) } : answer;
}

/**
 * Lookups by MSISDN or IMEI, with the tenant check applied before anything is answered:
 * a subscriber the caller may not see is a 404, exactly like an unknown one.
 */
export class SubscriberLookupService {
  constructor(
    private readonly services: ServiceClient,
    private readonly audit: AuditService,
    private readonly tenantAttribute: string | undefined,
  ) {}

  /** The subscriber if it exists and the caller may see it; 404 otherwise. */
  async visibleSubscriber(principal: Principal, msisdn: string): Promise<Subscriber & { tenantId?: string }> {
    // An end user never causes a lookup of another line, not even one that would be refused.
    if (principal.role === 'end-user' && principal.msisdn !== msisdn)
      throw new SubscriberNotFoundError(msisdn);
    const { subscriber } = await this.services.call('subscriber-terminal.get-subscriber.v1', { msisdn });
    if (subscriber === null) throw new SubscriberNotFoundError(msisdn);
    const tenantId = tenantOf(subscriber, this.tenantAttribute);
    if (!canSeeSubscriber(principal, { msisdn, tenantId })) throw new SubscriberNotFoundError(msisdn);
    return { ...subscriber, ...(tenantId === undefined ? {} : { tenantId }) };
  }

  async byMsisdn(principal: Principal, msisdn: string): Promise<SubscriberPage> {
    const { terminal, history, ...subscriber } = await this.visibleSubscriber(principal, msisdn);
    const deviceId = terminal === null ? null : deviceIdOf(terminal);
    const [settings, reports, consent, jobs] = await Promise.all([
      deviceId === null
        ? Promise.resolve<Section<null>>({ available: true, data: null })
        : this.services
            .optional('config.device-state.v1', { deviceId })
            .then((a) => section(a, (v) => v.state)),
      this.services
        .optional('diagnostics.list-reports.v1', { msisdn, limit: 20 })
        .then((a) => section(a, (v) => v.reports)),
      this.services
        .optional('diagnostics.get-consent.v1', { msisdn })
        .then((a) => section(a, (v) => v.grants)),
      this.audit.forSubscriber(msisdn),
    ]);
    return { subscriber, terminal, deviceId, history, settings, reports, consent, jobs };
  }

  /** By IMEI: the page of the subscriber using it; a handset with no subscriber only for operator-wide roles. */
  async byImei(principal: Principal, imei: string): Promise<SubscriberPage> {
    const { terminal } = await this.services.call('subscriber-terminal.get-terminal.v1', { imei });
    if (terminal === null) throw new SubscriberNotFoundError(imei);
    if (terminal.currentMsisdn !== undefined) {
      try {
        return await this.byMsisdn(principal, terminal.currentMsisdn);
      } catch (error) {
        // Say "no such IMEI", not "no such MSISDN": the caller must not learn the number.
        if (error instanceof SubscriberNotFoundError) throw new SubscriberNotFoundError(imei);
        throw error;
      }
    }
    if (!isOperatorWide(principal)) throw new SubscriberNotFoundError(imei);
    const unavailable = { available: false as const, reason: 'no subscriber uses this handset' };
    return {
      subscriber: null,
      terminal,
      deviceId: deviceIdOf(terminal),
      history: [],
      settings: unavailable,
      reports: unavailable,
      consent: unavailable,
      jobs: [],
    };
  }
}
