import type { DocumentCollection, DocumentStore } from '@dms/store';
import type { FinalDeviceState } from '../domain/campaign.model';
import {
  targetId,
  type AttemptRecord,
  type JobRecord,
  type ResultRecord,
  type RetryRecord,
  type TargetRecord,
} from './campaign-ledger.records';

/** The insert-only per-device ledger (see campaign-ledger.records.ts). */
export class CampaignLedger {
  readonly targets: DocumentCollection<TargetRecord>;
  readonly jobs: DocumentCollection<JobRecord>;
  readonly attempts: DocumentCollection<AttemptRecord>;
  readonly results: DocumentCollection<ResultRecord>;
  readonly retries: DocumentCollection<RetryRecord>;

  constructor(store: DocumentStore) {
    this.targets = store.collection<TargetRecord>('config_campaign_targets');
    this.jobs = store.collection<JobRecord>('config_campaign_jobs');
    this.attempts = store.collection<AttemptRecord>('config_campaign_attempts');
    this.results = store.collection<ResultRecord>('config_campaign_results');
    this.retries = store.collection<RetryRecord>('config_campaign_retries');
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.targets.ensureIndex({ fields: { campaignId: 1 }, name: 'by_campaign' }),
      this.jobs.ensureIndex({ fields: { campaignId: 1, requestedAt: 1 }, name: 'by_campaign_time' }),
      this.attempts.ensureIndex({ fields: { campaignId: 1 }, name: 'by_campaign' }),
      this.results.ensureIndex({ fields: { campaignId: 1, state: 1 }, name: 'by_state' }),
      this.retries.ensureIndex({ fields: { campaignId: 1, dueAt: 1 }, name: 'due' }),
    ]);
  }

  /** Targets written by enumeration after `after` and up to the enumeration frontier, in key order. */
  targetsBetween(campaignId: string, after: string | null, upTo: string, limit: number): Promise<TargetRecord[]> {
    // A pure primary-key range: every id of the campaign starts with `<campaign>|`.
    return this.targets.find(
      { _id: { $gt: targetId(campaignId, after ?? ''), $lte: targetId(campaignId, upTo) } },
      { limit },
    );
  }

  /** The attempts of one device, newest first: a primary-key range, `<campaign>|<key>|<n>`. */
  async jobsOf(campaignId: string, key: string): Promise<JobRecord[]> {
    const prefix = `${targetId(campaignId, key)}|`;
    const jobs = await this.jobs.find({ _id: { $gt: prefix, $lt: `${prefix}~` } }, { limit: 20 });
    return jobs.sort((a, b) => b.attempt - a.attempt);
  }

  dueRetries(campaignId: string, nowIso: string | undefined, limit: number): Promise<RetryRecord[]> {
    return this.retries.find(
      nowIso === undefined ? { campaignId } : { campaignId, dueAt: { $lte: nowIso } },
      { sort: { dueAt: 1 }, limit },
    );
  }

  /** Insert-once: false when the device already ended (redelivery, or two writers). */
  finish(record: ResultRecord): Promise<boolean> {
    return this.results.insert(record);
  }

  result(campaignId: string, key: string): Promise<ResultRecord | null> {
    return this.results.get(targetId(campaignId, key));
  }

  async counts(campaignId: string, sinceIso: string): Promise<LedgerCounts> {
    const byState = (state: FinalDeviceState) => this.results.count({ campaignId, state });
    const [targets, jobs, attempts, retries, applied, failed, skipped, cancelled, recentJobs] = await Promise.all([
      this.targets.count({ campaignId }),
      this.jobs.count({ campaignId }),
      this.attempts.count({ campaignId }),
      this.retries.count({ campaignId }),
      byState('applied'),
      byState('failed'),
      byState('skipped'),
      byState('cancelled'),
      this.jobs.count({ campaignId, requestedAt: { $gte: sinceIso } }),
    ]);
    return { targets, jobs, attempts, retries, applied, failed, skipped, cancelled, recentJobs };
  }
}

export interface LedgerCounts {
  targets: number;
  jobs: number;
  attempts: number;
  retries: number;
  applied: number;
  failed: number;
  skipped: number;
  cancelled: number;
  recentJobs: number;
}
