import type { EventBus } from '@dms/bus';
import type { DmCommandCompleted } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { CampaignRepository } from '../data-access/campaign.repository';
import type { CampaignLedger } from '../data-access/campaign-ledger.repository';
import { attemptId, parseJobId, targetId, type JobRecord } from '../data-access/campaign-ledger.records';
import type { CampaignRecord, FinalDeviceState } from './campaign.model';
import { decideAttempt, type AttemptDecision } from './job-outcome.policy';

const CAMPAIGN_CACHE_MS = 1000;

/**
 * Records the gateway's answer to a campaign job. Idempotent: the attempt's decision is
 * stored once (insert) and a redelivery replays the stored decision, so the result, the
 * retry and the config.* event (same event id) come out the same however often it runs.
 * One read per answer on the common path (the job; the campaign is cached), because each
 * FerretDB read by id costs a table scan.
 */
export class CompletionRecorder {
  private readonly cache = new Map<string, { record: CampaignRecord; at: number }>();

  constructor(
    private readonly deps: { bus: EventBus; campaigns: CampaignRepository; ledger: CampaignLedger; logger: Logger },
  ) {}

  async record(event: DmCommandCompleted): Promise<void> {
    const ids = parseJobId(event.jobId);
    if (ids === undefined) return; // another service's job
    const { ledger, logger } = this.deps;
    const job = await ledger.jobs.get(attemptId(ids.campaignId, ids.key, ids.attempt));
    if (job === null || job.deviceId !== event.deviceId) {
      logger.warn({ jobId: event.jobId, deviceId: event.deviceId }, 'completion of an unknown campaign job ignored');
      return;
    }
    const campaign = await this.campaign(job.campaignId);
    if (campaign === undefined) return;
    const stopped = campaign.state === 'cancelled' || campaign.stopReason !== undefined;
    let decision = decideAttempt(event, job.attempt, campaign.retry, stopped, Date.now());
    // The first decision stored wins; a redelivery replays it (its effects are insert-once).
    const first = await ledger.attempts.insert({
      _id: job._id,
      campaignId: job.campaignId,
      key: job.key,
      attempt: job.attempt,
      outcome: event.outcome,
      decision,
      at: event.completedAt,
    });
    if (!first) decision = (await ledger.attempts.get(job._id))?.decision ?? decision;
    await this.apply(job, decision, event);
    await this.announce(job, decision, event);
  }

  /** Campaign definitions change rarely; a second-old copy is fine (a stale "running" is caught after the retry insert). */
  private async campaign(id: string): Promise<CampaignRecord | undefined> {
    const cached = this.cache.get(id);
    if (cached !== undefined && Date.now() - cached.at < CAMPAIGN_CACHE_MS) return cached.record;
    const record = await this.deps.campaigns.get(id);
    if (record !== undefined) this.cache.set(id, { record, at: Date.now() });
    return record;
  }

  private async apply(job: JobRecord, decision: AttemptDecision, event: DmCommandCompleted): Promise<void> {
    const { ledger } = this.deps;
    if (decision.kind === 'retry') {
      await ledger.retries.insert({
        _id: attemptId(job.campaignId, job.key, job.attempt + 1),
        campaignId: job.campaignId,
        key: job.key,
        attempt: job.attempt + 1,
        dueAt: decision.retryAt,
      });
      // A cancel (or the schedule's end) that came meanwhile may have drained the campaign
      // already: then this retry is the drain's to cancel, done here.
      const now = await this.deps.campaigns.get(job.campaignId);
      if (now !== undefined && (now.state === 'cancelled' || now.stopReason !== undefined)) {
        this.cache.delete(job.campaignId);
        await this.finishAs(job, 'cancelled', decision.reason, event);
        await ledger.retries.delete(attemptId(job.campaignId, job.key, job.attempt + 1));
      }
    } else {
      await this.finishAs(job, decision.kind, decision.kind === 'applied' ? undefined : decision.reason, event, decision);
    }
  }

  private finishAs(
    job: JobRecord,
    state: FinalDeviceState,
    reason: string | undefined,
    event: DmCommandCompleted,
    decision?: AttemptDecision,
  ): Promise<boolean> {
    return this.deps.ledger.finish({
      _id: targetId(job.campaignId, job.key),
      campaignId: job.campaignId,
      key: job.key,
      deviceId: job.deviceId,
      ...(job.msisdn === undefined ? {} : { msisdn: job.msisdn }),
      state,
      ...(reason === undefined ? {} : { reason }),
      ...(decision?.kind === 'failed' && decision.status !== undefined ? { status: decision.status } : {}),
      attempts: job.attempt,
      jobId: job.jobId,
      at: event.completedAt,
    });
  }

  /** config.applied / config.failed for profile campaigns, with the job's id in the event id (dedup downstream). */
  private async announce(job: JobRecord, decision: AttemptDecision, event: DmCommandCompleted): Promise<void> {
    if (job.profileId === undefined || job.profileVersion === undefined || decision.kind === 'cancelled') return;
    const base = {
      deviceId: job.deviceId,
      ...(job.msisdn === undefined ? {} : { msisdn: job.msisdn }),
      profileId: job.profileId,
      profileVersion: job.profileVersion,
      jobId: job.jobId,
      campaignId: job.campaignId,
    };
    const options = { id: `${job.jobId}:${decision.kind}`, correlationId: job.campaignId };
    if (decision.kind === 'applied') {
      if (!job.settings?.length) return;
      await this.deps.bus.publish(
        'config.applied.v1',
        { ...base, settings: job.settings ?? [], appliedAt: event.completedAt },
        options,
      );
      return;
    }
    await this.deps.bus.publish(
      'config.failed.v1',
      {
        ...base,
        reason: decision.reason,
        ...(decision.kind === 'failed' && decision.status !== undefined ? { status: decision.status } : {}),
        attempts: job.attempt,
        willRetry: decision.kind === 'retry',
        failedAt: event.completedAt,
      },
      options,
    );
  }
}
