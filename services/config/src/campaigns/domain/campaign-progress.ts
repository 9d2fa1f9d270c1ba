import type { LedgerCounts } from '../data-access/campaign-ledger.repository';
import type { CampaignRecord, DeviceState } from './campaign.model';

export const RATE_WINDOW_MS = 60_000;

export interface CampaignProgress {
  counts: Record<DeviceState, number> & { total: number };
  enumeration: { done: boolean; enumerated: number };
  /** Jobs sent per second over the last minute, and the configured limit. */
  rate: { perSecond: number; limit: number };
  /** When the last pending device should be sent at the current pace; null when not running or nothing is left. */
  eta: string | null;
}

/** Per-state counts from the ledger (see campaign-ledger.records.ts for how a state is derived). */
export function progressOf(campaign: CampaignRecord, c: LedgerCounts, now: number): CampaignProgress {
  const sent = Math.max(0, c.jobs - c.attempts);
  const finals = c.applied + c.failed + c.skipped + c.cancelled;
  const pending = Math.max(0, c.targets - finals - sent);
  const measured = c.recentJobs / (RATE_WINDOW_MS / 1000);
  const pace = measured > 0 ? Math.min(measured, campaign.rateLimit.perSecond) : campaign.rateLimit.perSecond;
  const running = campaign.state === 'running' && campaign.stopReason === undefined;
  // Devices still to enumerate are unknown; the ETA covers the ones written so far.
  const eta = running && pending > 0 ? new Date(now + (pending / pace) * 1000).toISOString() : null;
  return {
    counts: {
      total: c.targets,
      pending,
      sent,
      applied: c.applied,
      failed: c.failed,
      skipped: c.skipped,
      cancelled: c.cancelled,
    },
    enumeration: { done: campaign.enumeration.done, enumerated: campaign.enumeration.enumerated },
    rate: { perSecond: Math.round(measured * 100) / 100, limit: campaign.rateLimit.perSecond },
    eta,
  };
}
