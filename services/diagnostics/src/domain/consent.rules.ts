import type { ConsentCategory, ConsentGrant, ConsentState } from '@dms/contracts';
import { InvalidDiagnosticsRequestError } from './diagnostics.errors';

/** A stored decision (collection `consent_grants`, `_id` = `<msisdn>:<category>`). */
export interface ConsentRecord {
  _id: string;
  msisdn: string;
  category: ConsentCategory;
  state: 'granted' | 'revoked';
  until?: string;
  decidedBy: string;
  updatedAt: string;
}

export interface EffectiveConsent {
  state: ConsentState;
  until?: string;
}

export const consentId = (msisdn: string, category: ConsentCategory): string => `${msisdn}:${category}`;

/** No decision, or a temporary grant whose time has come, reads not-asked (the subscriber is asked again). */
export function effectiveConsent(record: ConsentRecord | null, now: Date): EffectiveConsent {
  if (record === null) return { state: 'not-asked' };
  if (record.state === 'granted' && record.until !== undefined && Date.parse(record.until) <= now.getTime())
    return { state: 'not-asked' };
  return { state: record.state, ...(record.until === undefined || record.state !== 'granted' ? {} : { until: record.until }) };
}

export interface ConsentDecision {
  msisdn: string;
  category: ConsentCategory;
  decision: 'grant' | 'revoke';
  until?: string;
  decidedBy: string;
}

/** The record a decision leaves; a grant until a past instant or a revoke with a time are refused. */
export function applyDecision(decision: ConsentDecision, now: Date): ConsentRecord {
  if (decision.until !== undefined && decision.decision === 'revoke')
    throw new InvalidDiagnosticsRequestError('until applies to a grant only; a revoke lasts until the next grant');
  if (decision.until !== undefined && Date.parse(decision.until) <= now.getTime())
    throw new InvalidDiagnosticsRequestError('until must be in the future', { until: decision.until });
  return {
    _id: consentId(decision.msisdn, decision.category),
    msisdn: decision.msisdn,
    category: decision.category,
    state: decision.decision === 'grant' ? 'granted' : 'revoked',
    ...(decision.until === undefined ? {} : { until: new Date(decision.until).toISOString() }),
    decidedBy: decision.decidedBy,
    updatedAt: now.toISOString(),
  };
}

/** The API shape of one category (undecided categories name no decider: `decidedBy` "nobody"). */
export function grantView(msisdn: string, category: ConsentCategory, record: ConsentRecord | null, now: Date): ConsentGrant {
  const effective = effectiveConsent(record, now);
  return {
    msisdn,
    category,
    state: effective.state,
    ...(record?.until === undefined ? {} : { until: record.until }),
    decidedBy: record?.decidedBy ?? 'nobody',
    updatedAt: record?.updatedAt ?? now.toISOString(),
  };
}
