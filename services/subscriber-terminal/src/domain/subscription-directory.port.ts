import type { EligibilityOrUnknown } from './subscriber-terminal.model';

/**
 * The operator's subscription database, as subscriber-terminal sees it. Implementations
 * never throw: an answer they cannot get is 'unknown'.
 */
export interface SubscriptionDirectory {
  eligibility(msisdn: string): Promise<EligibilityOrUnknown>;
}
