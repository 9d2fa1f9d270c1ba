import type { CampaignRepository } from '../data-access/campaign.repository';
import type { CampaignLedger } from '../data-access/campaign-ledger.repository';
import type { CampaignRecord } from './campaign.model';

/**
 * Ends every device a stopped campaign (cancelled, or past its schedule's end) will not
 * reach: the targets not yet dispatched and the retries waiting become `cancelled`, one
 * page at a time. Jobs already at the gateway finish on their own (a retry they would
 * need becomes cancelled). Answers 'busy' while it wrote something, 'waiting' while jobs
 * are in flight, 'drained' when nothing is left.
 */
export async function drainCampaign(
  campaign: CampaignRecord,
  campaigns: CampaignRepository,
  ledger: CampaignLedger,
  pageSize: number,
): Promise<'busy' | 'waiting' | 'drained'> {
  const reason = campaign.stopReason ?? 'cancelled';
  const at = new Date().toISOString();
  const frontier = campaign.enumeration.frontier;
  const cursor = campaign.dispatch.cursor;
  if (frontier !== null && (cursor === null || cursor < frontier)) {
    const targets = await ledger.targetsBetween(campaign._id, cursor, frontier, pageSize);
    await Promise.all(
      targets.map((t) =>
        ledger.finish({
          _id: t._id,
          campaignId: campaign._id,
          key: t.key,
          ...(t.deviceId === undefined ? {} : { deviceId: t.deviceId }),
          ...(t.msisdn === undefined ? {} : { msisdn: t.msisdn }),
          state: 'cancelled',
          reason,
          attempts: 0,
          at,
        }),
      ),
    );
    const last = targets[targets.length - 1];
    if (last !== undefined) await campaigns.update(campaign._id, { $set: { 'dispatch.cursor': last.key } });
    return 'busy';
  }
  const [jobs, answered] = await Promise.all([
    ledger.jobs.count({ campaignId: campaign._id }),
    ledger.attempts.count({ campaignId: campaign._id }),
  ]);
  // A retry written after this read is cancelled by the recorder, which re-reads the campaign after writing it.
  const retries = await ledger.dueRetries(campaign._id, undefined, pageSize);
  for (const retry of retries) {
    const target = await ledger.targets.get(`${campaign._id}|${retry.key}`);
    await ledger.finish({
      _id: `${campaign._id}|${retry.key}`,
      campaignId: campaign._id,
      key: retry.key,
      ...(target?.deviceId === undefined ? {} : { deviceId: target.deviceId }),
      ...(target?.msisdn === undefined ? {} : { msisdn: target.msisdn }),
      state: 'cancelled',
      reason,
      attempts: retry.attempt - 1,
      at,
    });
    await ledger.retries.delete(retry._id);
  }
  if (retries.length > 0) return 'busy';
  return jobs > answered ? 'waiting' : 'drained';
}
