import type { DmCommandCompleted } from '@dms/contracts';

export interface RetryPolicy {
  maxAttempts: number;
  backoffMs: number;
  backoffMaxMs: number;
}

/** What config.failed says went wrong (its `reason` enum). */
export type FailureReason = 'device-rejected' | 'user-rejected' | 'unreachable' | 'expired';

export type AttemptDecision =
  | { kind: 'applied' }
  | { kind: 'failed'; reason: FailureReason; status?: number }
  | { kind: 'retry'; reason: FailureReason; retryAt: string }
  | { kind: 'cancelled'; reason: FailureReason };

/** Delay before attempt `attempt + 1`: backoffMs doubled per attempt made, capped. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.backoffMaxMs, policy.backoffMs * 2 ** Math.max(0, attempt - 1));
}

function firstFailingStatus(event: DmCommandCompleted): number | undefined {
  return event.results.find((r) => r.status < 200 || r.status > 299)?.status;
}

/**
 * How a campaign reads the gateway's answer. The handset answered (completed, partial,
 * failed, rejected): final. It was not reached (expired: never fetched the job before
 * expiresAt; interrupted: the session died): tried again with backoff while attempts are
 * left and the campaign still runs.
 */
export function decideAttempt(
  event: Pick<DmCommandCompleted, 'outcome' | 'results'>,
  attempt: number,
  policy: RetryPolicy,
  campaignStopped: boolean,
  now: number,
): AttemptDecision {
  switch (event.outcome) {
    case 'completed':
      return { kind: 'applied' };
    case 'rejected':
      return { kind: 'failed', reason: 'user-rejected' };
    case 'partial':
    case 'failed': {
      const status = firstFailingStatus(event as DmCommandCompleted);
      return status === undefined ? { kind: 'failed', reason: 'device-rejected' } : { kind: 'failed', reason: 'device-rejected', status };
    }
    case 'expired':
    case 'interrupted': {
      const reason: FailureReason = event.outcome === 'expired' ? 'expired' : 'unreachable';
      if (campaignStopped) return { kind: 'cancelled', reason };
      if (attempt >= policy.maxAttempts) return { kind: 'failed', reason };
      return { kind: 'retry', reason, retryAt: new Date(now + backoffDelay(policy, attempt)).toISOString() };
    }
  }
}
