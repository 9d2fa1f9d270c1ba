import { canSeeSubscriber } from '../access.policy';
import type { Principal } from '../roles';
import type { FeedEvent } from './feed-event';

/** The live feed's tenant rule: the same `canSeeSubscriber` as every lookup. */
export function canSeeFeedEvent(principal: Principal, event: FeedEvent): boolean {
  return canSeeSubscriber(principal, { msisdn: event.msisdn, tenantId: event.tenantId });
}

/** Which per-minute counters a viewer reads: everyone's, its tenant's, or its own line's. */
export function scopeKeyOf(principal: Principal): string {
  switch (principal.role) {
    case 'operator-admin':
    case 'customer-care':
      return '*';
    case 'corporate-admin':
      return `t:${principal.tenantId ?? ''}`;
    case 'end-user':
      return `m:${principal.msisdn ?? ''}`;
  }
}

/** The counters an event adds to: everyone's, and its tenant's and line's when known. */
export function scopeKeysOf(event: FeedEvent): string[] {
  const keys = ['*'];
  if (event.tenantId !== undefined) keys.push(`t:${event.tenantId}`);
  if (event.msisdn !== undefined) keys.push(`m:${event.msisdn}`);
  return keys;
}
