import type { EventBus } from '@dms/bus';
import type { DmCommandCompleted } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { CampaignRepository } from '../data-access/campaign.repository';
import type { CampaignLedger } from '../data-access/campaign-ledger.repository';
import { attemptId, parseJobId, targetId, type JobRecord } from '../data-access/campaign-ledger.records';
import { decideAttempt, type AttemptDecision } from './job-outcome.policy';

/**
 * Records the gateway's answer to a campaign job. Idempotent: the attempt's decision is
 * stored once (insert) and a redelivery replays the stored decision, so the result, the
 * retry and the config.* event (same event id) come out the same however often it runs.
 */
export class CompletionRecorder {
  constructor(
    private readonly deps: { bus: EventBus; campaigns: CampaignRepository; ledger: CampaignLedger; logger: Logger },
  ) {}

  async record(event: DmCommandCompleted): Promise<void> {
    const ids = parseJobId(event.jobId);
    if (ids === undefined) return; // another service's job
    const { ledger, campaigns, logger } = this.deps;
    const job = await ledger.jobs.get(attemptId(ids.campaignId, ids.key, ids.attempt));
    if (job === null || job.deviceId !== event.deviceId) {
      logger.warn({ jobId: event.jobId, deviceId: event.deviceId }, 'completion of an unknown campaign job ignored');
      return;
    }
    const campaign = await campaigns.get(job.campaignId);
    if (campaign === undefined) return;
    const stored = await ledger.attempts.get(job._id);
    const stopped = campaign.state === 'cancelled' || campaign.stopReason !== undefined;
    const decision = stored?.decision ?? decideAttempt(event, job.attempt, campaign.retry, stopped, Date.now());
    // Effects before the attempt record: once an attempt counts as answered, its retry or
    // result exists, so a drain that sees no job in flight also sees every retry.
    await this.apply(job, decision, event);
    if (stored === null)
      await ledger.attempts.insert({
        _id: job._id,
        campaignId: job.campaignId,
        key: job.key,
        attempt: job.attempt,
        outcome: event.outcome,
        decision,
        at: event.completedAt,
      });
    await this.announce(job, decision, event);
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
    } else {
      await ledger.finish({
        _id: targetId(job.campaignId, job.key),
        campaignId: job.campaignId,
        key: job.key,
        deviceId: job.deviceId,
        ...(job.msisdn === undefined ? {} : { msisdn: job.msisdn }),
        state: decision.kind,
        ...(decision.kind === 'applied' ? {} : { reason: decision.reason }),
        ...(decision.kind === 'failed' && decision.status !== undefined ? { status: decision.status } : {}),
        attempts: job.attempt,
        jobId: job.jobId,
        at: event.completedAt,
      });
    }
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
