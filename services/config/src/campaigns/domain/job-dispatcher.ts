import type { EventBus, Rpc } from '@dms/bus';
import type { DmCommandRequested } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { CampaignLedger } from '../data-access/campaign-ledger.repository';
import { attemptId, jobIdOf, type JobRecord, type TargetRecord } from '../data-access/campaign-ledger.records';
import type { CampaignSettings } from '../campaign.config';
import type { CampaignRecord } from './campaign.model';
import type { CommandPlan, PlanCommands } from './campaign.ports';
import { checkChangeSettingsConsent } from './consent.check';

export type DispatchOutcome = 'sent' | 'resent' | 'skipped' | 'done-before';

/**
 * Sends one attempt of one device: consent, plan, claim, publish. The claim is the insert
 * of the attempt's job record; a device whose claim exists was handled by an earlier run
 * (a restart re-reading the page it stopped in): its job is published again with the same
 * job id and event id unless it was answered, and the gateway queues a job id once.
 */
export class JobDispatcher {
  constructor(
    private readonly deps: {
      bus: EventBus;
      rpc: Rpc;
      ledger: CampaignLedger;
      planCommands: PlanCommands;
      settings: CampaignSettings;
      logger: Logger;
    },
  ) {}

  async dispatch(campaign: CampaignRecord, target: TargetRecord, attempt: number): Promise<DispatchOutcome> {
    const { ledger, settings, logger } = this.deps;
    const now = new Date();
    const ended = (state: 'skipped', reason: string) =>
      ledger.finish({
        _id: target._id,
        campaignId: campaign._id,
        key: target.key,
        ...(target.deviceId === undefined ? {} : { deviceId: target.deviceId }),
        ...(target.msisdn === undefined ? {} : { msisdn: target.msisdn }),
        state,
        reason,
        attempts: attempt - 1,
        at: now.toISOString(),
      });
    if (target.skip !== undefined || target.deviceId === undefined) {
      await ended('skipped', target.skip ?? 'no-terminal');
      return 'skipped';
    }
    const plan = await this.plan(campaign, { ...target, deviceId: target.deviceId });
    if (plan === undefined) {
      await ended('skipped', 'no-template');
      return 'skipped';
    }
    const jobId = jobIdOf(campaign._id, target.key, attempt);
    const consent = await checkChangeSettingsConsent(this.deps.rpc, target.msisdn, settings.campaignConsentTimeoutMs, logger);
    if (consent === 'revoked') {
      if (await ended('skipped', 'consent-revoked')) await this.announceRevoked(campaign, target, plan, jobId, attempt, now);
      return 'skipped';
    }
    const job: JobRecord = {
      _id: attemptId(campaign._id, target.key, attempt),
      campaignId: campaign._id,
      key: target.key,
      attempt,
      jobId,
      deviceId: target.deviceId,
      ...(target.msisdn === undefined ? {} : { msisdn: target.msisdn }),
      confirm: consent === 'not-asked',
      ...(plan.profileId === '' ? {} : { profileId: plan.profileId, profileVersion: plan.profileVersion, settings: plan.settings }),
      requestedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + settings.campaignJobTtlMs).toISOString(),
    };
    if (!(await ledger.jobs.insert(job))) return this.resend(campaign, (await ledger.jobs.get(job._id)) ?? job);
    await this.publish(campaign, job, plan);
    return 'sent';
  }

  private async resend(campaign: CampaignRecord, job: JobRecord): Promise<DispatchOutcome> {
    if ((await this.deps.ledger.attempts.get(job._id)) !== null) return 'done-before';
    const target = { deviceId: job.deviceId, ...(job.msisdn === undefined ? {} : { msisdn: job.msisdn }) };
    const plan = await this.plan(campaign, target);
    if (plan === undefined) return 'done-before';
    await this.publish(campaign, job, plan);
    return 'resent';
  }

  private async plan(campaign: CampaignRecord, target: Parameters<PlanCommands>[0]): Promise<CommandPlan | undefined> {
    if (campaign.action.kind === 'commands')
      return { commands: campaign.action.commands, profileId: '', profileVersion: 1, settings: [] };
    const t = {
      deviceId: target.deviceId,
      ...(target.msisdn === undefined ? {} : { msisdn: target.msisdn }),
      ...(target.manufacturer === undefined ? {} : { manufacturer: target.manufacturer }),
      ...(target.model === undefined ? {} : { model: target.model }),
      ...(target.tac === undefined ? {} : { tac: target.tac }),
    };
    return this.deps.planCommands(t, campaign.action.settings);
  }

  private async publish(campaign: CampaignRecord, job: JobRecord, plan: CommandPlan): Promise<void> {
    const request: DmCommandRequested = {
      jobId: job.jobId,
      deviceId: job.deviceId,
      commands: plan.commands,
      ...(job.confirm
        ? { userInteraction: { code: 1101, text: campaign.confirmText ?? this.deps.settings.campaignConfirmText } }
        : {}),
      priority: 'low',
      expiresAt: job.expiresAt,
      // Package 0 over SMS wakes the handset; the gateway finds the number itself when we lack it.
      notify: true,
      ...(job.msisdn === undefined ? {} : { msisdn: job.msisdn }),
      correlationId: campaign._id,
      requestedBy: `config:campaign:${campaign._id}`,
      requestedAt: job.requestedAt,
    };
    await this.deps.bus.publish('dm.command-requested.v1', request, { id: job.jobId, correlationId: campaign._id });
  }

  private async announceRevoked(
    campaign: CampaignRecord,
    target: TargetRecord,
    plan: CommandPlan,
    jobId: string,
    attempt: number,
    now: Date,
  ): Promise<void> {
    if (plan.profileId === '' || target.deviceId === undefined) return;
    await this.deps.bus.publish(
      'config.failed.v1',
      {
        deviceId: target.deviceId,
        ...(target.msisdn === undefined ? {} : { msisdn: target.msisdn }),
        profileId: plan.profileId,
        profileVersion: plan.profileVersion,
        jobId,
        campaignId: campaign._id,
        reason: 'consent-revoked',
        attempts: attempt,
        willRetry: false,
        failedAt: now.toISOString(),
      },
      { id: `${jobId}:consent-revoked`, correlationId: campaign._id },
    );
  }
}
