import type { Filter } from '@dms/store';
import type { CampaignLedger } from '../data-access/campaign-ledger.repository';
import { attemptId, targetId, type TargetRecord } from '../data-access/campaign-ledger.records';
import type { CampaignRecord, DeviceState } from './campaign.model';
import { InvalidCampaignRequestError } from './campaign.errors';

export interface DeviceView {
  key: string;
  deviceId?: string;
  msisdn?: string;
  state: DeviceState;
  reason?: string;
  attempts: number;
  jobId?: string;
}

export interface DevicePage {
  items: DeviceView[];
  nextCursor: string | null;
}

const encode = (after: string): string => Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');

function decode(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    if (typeof value.after === 'string') return value.after;
  } catch {
    // any cursor we did not hand out is the caller's mistake
  }
  throw new InvalidCampaignRequestError('cursor is not one this service handed out');
}

const identity = (t: { deviceId?: string | undefined; msisdn?: string | undefined }) => ({
  ...(t.deviceId === undefined ? {} : { deviceId: t.deviceId }),
  ...(t.msisdn === undefined ? {} : { msisdn: t.msisdn }),
});

/**
 * Pages a campaign's devices in target order. Final states read the results; other states
 * are derived per target (retry waiting -> pending, job unanswered -> sent), so a page of
 * `pending` or `sent` scans targets and may hold fewer than `limit` items before its cursor.
 */
export async function deviceStates(
  ledger: CampaignLedger,
  campaign: CampaignRecord,
  options: { state?: DeviceState; cursor?: string; limit: number },
): Promise<DevicePage> {
  const after = decode(options.cursor);
  const state = options.state;
  if (state === 'applied' || state === 'failed' || state === 'skipped' || state === 'cancelled') {
    const filter: Record<string, Filter[string]> = { campaignId: campaign._id, state };
    if (after !== null) filter['_id'] = { $gt: targetId(campaign._id, after) };
    const results = await ledger.results.find(filter, { limit: options.limit });
    const items = results.map((r) => ({
      key: r.key,
      ...identity(r),
      state: r.state,
      ...(r.reason === undefined ? {} : { reason: r.reason }),
      attempts: r.attempts,
      ...(r.jobId === undefined ? {} : { jobId: r.jobId }),
    }));
    const last = results[results.length - 1];
    return { items, nextCursor: results.length === options.limit && last ? encode(last.key) : null };
  }
  const frontier = campaign.enumeration.frontier;
  if (frontier === null) return { items: [], nextCursor: null };
  const targets = await ledger.targetsBetween(campaign._id, after, frontier, options.limit);
  const views = await Promise.all(targets.map((t) => viewOf(ledger, campaign, t)));
  const last = targets[targets.length - 1];
  return {
    items: views.filter((v) => state === undefined || v.state === state),
    nextCursor: targets.length === options.limit && last ? encode(last.key) : null,
  };
}

async function viewOf(ledger: CampaignLedger, campaign: CampaignRecord, t: TargetRecord): Promise<DeviceView> {
  const result = await ledger.result(campaign._id, t.key);
  if (result !== null)
    return {
      key: t.key,
      ...identity(t),
      state: result.state,
      ...(result.reason === undefined ? {} : { reason: result.reason }),
      attempts: result.attempts,
      ...(result.jobId === undefined ? {} : { jobId: result.jobId }),
    };
  const job = (await ledger.jobsOf(campaign._id, t.key))[0];
  if (job === undefined) return { key: t.key, ...identity(t), state: 'pending', attempts: 0 };
  const answered = (await ledger.attempts.get(attemptId(campaign._id, t.key, job.attempt))) !== null;
  return { key: t.key, ...identity(t), state: answered ? 'pending' : 'sent', attempts: job.attempt, jobId: job.jobId };
}
