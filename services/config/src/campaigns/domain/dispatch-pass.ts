import type { CampaignRepository } from '../data-access/campaign.repository';
import type { CampaignLedger } from '../data-access/campaign-ledger.repository';
import type { CampaignRecord } from './campaign.model';
import type { JobDispatcher } from './job-dispatcher';
import { windowState } from './schedule-window';
import type { TokenBucket } from './token-bucket';

/**
 * One dispatch pass of a campaign: due retries, then a page of first attempts, each job
 * after a token of the bucket. Before and after each wait for a token it checks that the
 * campaign may still send (no pause, cancel or stop; inside its window), so nothing goes
 * out after one of those.
 */
export class DispatchPass {
  constructor(
    private readonly deps: { campaigns: CampaignRepository; ledger: CampaignLedger; dispatcher: JobDispatcher; pageSize: number },
    private readonly campaign: CampaignRecord,
    private readonly bucket: TokenBucket,
    private readonly interrupted: () => boolean,
  ) {}

  private async mayStillSend(): Promise<boolean> {
    if (this.interrupted()) return false;
    await this.bucket.take();
    return !this.interrupted() && windowState(this.campaign.schedule, Date.now()).open;
  }

  /** A page of targets not yet sent, after the dispatch cursor and up to the enumeration frontier; the cursor moves past the ones sent. */
  async sendFirstAttempts(): Promise<boolean> {
    const { campaign } = this;
    const { frontier } = campaign.enumeration;
    const { cursor } = campaign.dispatch;
    if (frontier === null || (cursor !== null && cursor >= frontier)) return false;
    const targets = await this.deps.ledger.targetsBetween(campaign._id, cursor, frontier, this.deps.pageSize);
    const work: Promise<unknown>[] = [];
    let last: string | undefined;
    for (const target of targets) {
      if (!(await this.mayStillSend())) break;
      work.push(this.deps.dispatcher.dispatch(campaign, target, 1));
      last = target.key;
    }
    await Promise.all(work);
    if (last !== undefined) await this.deps.campaigns.update(campaign._id, { $set: { 'dispatch.cursor': last } });
    return last !== undefined;
  }

  /** Retries whose time has come; each retry record is deleted once its attempt is claimed. */
  async sendRetries(): Promise<boolean> {
    const { ledger, dispatcher, pageSize } = this.deps;
    const { campaign } = this;
    const due = await ledger.dueRetries(campaign._id, new Date().toISOString(), pageSize);
    const work: Promise<unknown>[] = [];
    for (const retry of due) {
      if (!(await this.mayStillSend())) break;
      work.push(
        (async () => {
          const target = await ledger.targets.get(`${campaign._id}|${retry.key}`);
          if (target !== null) await dispatcher.dispatch(campaign, target, retry.attempt);
          await ledger.retries.delete(retry._id);
        })(),
      );
    }
    await Promise.all(work);
    return work.length > 0;
  }
}
