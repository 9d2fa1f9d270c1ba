import type { EventBus } from '@dms/bus';
import type { DmCommandCompleted } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { ConfigJobRepository } from '../data-access/config-job.repository';
import type { DeviceStateRepository } from '../data-access/device-state.repository';
import type { CommandPlanner } from './command.planner';
import type { ConfigOutcomePublisher } from './config-outcome.publisher';
import type { ConfigurationService, ConfigurationSettings } from './configuration.service';
import type { ConfigJob } from './device-config.model';
import { mailProviderFor } from './email-account';
import { backoffMs, jobIdFor, nextAttempt, requestFor } from './job-request.factory';

export interface RetrySettings {
  /** Attempts of a job the handset never ran (expired, interrupted) before config gives up. */
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

/**
 * dm.command-completed.v1 for config's jobs: applied, rejected by the user or the device,
 * or never run (retried with backoff, then given up). Each job is handled once: the
 * effects (idempotent state writes, then events with ids derived from the job: whoever
 * reads the state on seeing the event finds it written) come first, the `sent -> done`
 * transition last, so a crash in between repeats harmless effects.
 */
export class JobOutcomeHandler {
  constructor(
    private readonly bus: EventBus,
    private readonly jobs: ConfigJobRepository,
    private readonly devices: DeviceStateRepository,
    private readonly outcomes: ConfigOutcomePublisher,
    private readonly configuration: ConfigurationService,
    private readonly planner: CommandPlanner,
    private readonly settings: RetrySettings & ConfigurationSettings,
    private readonly logger: Logger,
  ) {}

  async onCompleted(event: DmCommandCompleted): Promise<'ignored' | string> {
    const job = await this.jobs.get(event.jobId);
    if (job === undefined || job.state !== 'sent') return 'ignored';
    const ctx = { ...job, correlationId: job.request.correlationId };
    const log = this.logger.child({ deviceId: job.deviceId, jobId: job._id, correlationId: ctx.correlationId });
    switch (event.outcome) {
      case 'completed':
        if (job.kind === 'email-ask') await this.emailAnswered(job, event);
        else {
          const record = await this.devices.get(job.deviceId);
          const written = job.settings.filter((s) => job.outsideTemplate?.includes(s) !== true);
          const applied = [...new Set([...(record?.applied ?? []), ...written])];
          await this.devices.patch(job.deviceId, { state: 'applied', applied, lastJobId: job._id, reason: undefined, profileId: job.profileId, profileVersion: job.profileVersion, settings: job.settings });
          await this.outcomes.applied(job);
        }
        break;
      case 'partial':
      case 'failed': {
        const status = event.results.find((r) => r.status >= 300)?.status;
        await this.devices.patch(job.deviceId, { state: 'failed', reason: 'device-rejected', lastJobId: job._id });
        await this.outcomes.failed(ctx, 'device-rejected', status === undefined ? {} : { status });
        break;
      }
      case 'rejected':
        await this.devices.patch(job.deviceId, { state: 'failed', reason: 'user-rejected', lastJobId: job._id });
        await this.outcomes.failed(ctx, 'user-rejected', event.userResponse === undefined ? {} : { status: event.userResponse.status });
        break;
      case 'expired':
      case 'interrupted':
        await this.notRun(job, event.outcome);
        break;
    }
    await this.jobs.finish(job._id, event.outcome);
    log.info({ outcome: event.outcome, kind: job.kind }, 'config job ended');
    return event.outcome;
  }

  /** Publishes the retries whose backoff has passed (the periodic sweep). */
  async retryDue(now = Date.now()): Promise<number> {
    let sent = 0;
    for (const job of await this.jobs.due(new Date(now).toISOString())) {
      if (!(await this.jobs.claimDue(job._id))) continue;
      const request = { ...requestFor({ ...job, id: job._id, commands: job.request.commands, correlationId: job.request.correlationId, ...(job.request.userInteraction === undefined ? {} : { userInteraction: job.request.userInteraction }) }, job._id, this.settings, now) };
      await this.bus.publish('dm.command-requested.v1', request, { id: job._id, correlationId: request.correlationId });
      await this.devices.patch(job.deviceId, { state: job.kind === 'email-ask' ? 'awaiting-user' : 'pending', lastJobId: job._id });
      sent += 1;
    }
    return sent;
  }

  private async notRun(job: ConfigJob, outcome: 'expired' | 'interrupted'): Promise<void> {
    const reason = outcome === 'expired' ? 'expired' : 'unreachable';
    const ctx = { ...job, correlationId: job.request.correlationId };
    const willRetry = job.attempt < this.settings.maxAttempts;
    if (willRetry) {
      const dueAt = new Date(Date.now() + backoffMs(job.attempt, this.settings.retryBaseMs, this.settings.retryMaxMs)).toISOString();
      await this.jobs.insert(nextAttempt(job, dueAt));
    }
    await this.devices.patch(job.deviceId, willRetry ? { state: 'pending', reason } : { state: 'failed', reason, lastJobId: job._id });
    await this.outcomes.failed(ctx, reason, { willRetry, detail: `attempt ${job.attempt} of ${this.settings.maxAttempts}: job ${outcome}` });
  }

  /** The 1102 answer: the typed address picks the mail provider, then the account is pushed (no further question). */
  private async emailAnswered(job: ConfigJob, event: DmCommandCompleted): Promise<void> {
    const ctx = { ...job, correlationId: job.request.correlationId };
    const address = event.userResponse?.items[0]?.data?.trim();
    // 200 only: 214 is the user cancelling the text input (DM 1.2 protocol 2.5).
    const ok = event.userResponse?.status === 200;
    if (!ok || address === undefined || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address)) {
      await this.devices.patch(job.deviceId, { state: 'failed', reason: 'user-rejected', lastJobId: job._id });
      await this.outcomes.failed(ctx, 'user-rejected', { detail: 'no valid e-mail address typed' });
      return;
    }
    const record = await this.devices.get(job.deviceId);
    const target = { deviceId: job.deviceId, ...(job.msisdn === undefined ? {} : { msisdn: job.msisdn }), ...(record?.manufacturer === undefined ? {} : { manufacturer: record.manufacturer }), ...(record?.model === undefined ? {} : { model: record.model }), ...(record?.tac === undefined ? {} : { tac: record.tac }) };
    const bare = await this.planner.plan(target, []);
    const provider = bare?.profile.email === undefined ? undefined : mailProviderFor(bare.profile.email, address);
    const plan = provider === undefined ? undefined : await this.planner.plan(target, ['email'], { personal: { emailAddress: address, mailProvider: provider } });
    if (plan === undefined || plan.commands.length === 0) {
      await this.devices.patch(job.deviceId, { state: 'failed', reason: 'not-supported', lastJobId: job._id });
      await this.outcomes.failed(ctx, 'not-supported', { detail: 'no mail provider for that address' });
      return;
    }
    await this.configuration.send({ id: jobIdFor(job._id, 'email-push'), kind: 'email-push', deviceId: job.deviceId, ...(job.msisdn === undefined ? {} : { msisdn: job.msisdn }), commands: plan.commands, profileId: plan.profileId, profileVersion: plan.profileVersion, settings: ['email'], correlationId: ctx.correlationId });
  }
}
