import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Document, DocumentCollection, DocumentStore } from '@dms/store';

/** Who drives a campaign during one lease period: `_id` = `<campaignId>:<period>`. */
export interface CampaignLeaseRecord extends Document {
  campaignId: string;
  period: number;
  holder: string;
  claimedAt: string;
}

export const CAMPAIGN_LEASES_COLLECTION = 'campaign_leases';

export interface CampaignLeaseOptions {
  /** Length of a lease period. */
  leaseMs: number;
  /** This runner's name in the lease records; default host, pid and a random part. */
  holder?: string;
  now?: () => number;
}

/**
 * One runner drives a campaign at a time, whatever the number of config replicas, so the
 * campaign's rate limit holds for the campaign and not per replica. Time is cut into
 * periods of `leaseMs`; a runner holds a campaign for a period when it inserted that
 * period's record (an insert under a unique `_id` is the one atomic claim every store
 * offers, FerretDB included: its updates are read-modify-write). The holder claims the next
 * period during the second half of the current one, so it keeps the campaign without a gap;
 * a holder that stopped or died claims nothing, and another runner takes the next period.
 * A step that began just before a period ended may still run on beside the new holder's
 * first one; the ledger's per-device claim keeps any device from being sent twice.
 */
export class CampaignLeases {
  private readonly collection: DocumentCollection<CampaignLeaseRecord>;
  private readonly holder: string;
  private readonly now: () => number;
  /** Per campaign, the period decided last, whether this runner holds it, and when it asked. */
  private readonly decided = new Map<string, { period: number; mine: boolean; at: number }>();
  /** Per campaign, the period claimed ahead. */
  private readonly claimedAhead = new Map<string, number>();

  constructor(
    store: DocumentStore,
    private readonly options: CampaignLeaseOptions,
  ) {
    this.collection = store.collection<CampaignLeaseRecord>(CAMPAIGN_LEASES_COLLECTION);
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.now = options.now ?? Date.now;
  }

  /** True while this runner holds the campaign (claiming the current period when nobody did). */
  async holds(campaignId: string): Promise<boolean> {
    const now = this.now();
    const period = Math.floor(now / this.options.leaseMs);
    let decision = this.decided.get(campaignId);
    // A runner without the lease asks again a few times per period: a holder that stopped in
    // an orderly way released it (releaseAll), and the campaign should not wait for the next period.
    const askAgain =
      decision !== undefined && !decision.mine && now - decision.at >= this.options.leaseMs / 4;
    if (decision?.period !== period || askAgain) {
      decision = { period, mine: await this.claim(campaignId, period), at: now };
      this.decided.set(campaignId, decision);
      if (decision.mine) await this.collection.deleteMany({ campaignId, period: { $lt: period - 1 } });
    }
    const intoPeriod = now - period * this.options.leaseMs;
    if (
      decision.mine &&
      intoPeriod >= this.options.leaseMs / 2 &&
      this.claimedAhead.get(campaignId) !== period + 1
    ) {
      this.claimedAhead.set(campaignId, period + 1);
      await this.claim(campaignId, period + 1);
    }
    return decision.mine;
  }

  /** Forgets what this runner decided about a campaign whose loop ended (it asks the store again next time). */
  forget(campaignId: string): void {
    this.decided.delete(campaignId);
    this.claimedAhead.delete(campaignId);
  }

  /** Gives up every lease this runner holds (an orderly stop): another replica takes over at once. */
  async releaseAll(): Promise<void> {
    this.decided.clear();
    this.claimedAhead.clear();
    await this.collection.deleteMany({ holder: this.holder });
  }

  private async claim(campaignId: string, period: number): Promise<boolean> {
    const _id = `${campaignId}:${period}`;
    const [written] = await this.collection.insertMany([
      { _id, campaignId, period, holder: this.holder, claimedAt: new Date(this.now()).toISOString() },
    ]);
    if (written) return true;
    return (await this.collection.get(_id))?.holder === this.holder;
  }
}
