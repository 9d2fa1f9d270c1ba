import type { EventBus } from '@dms/bus';
import type { SettingKind, UserInteraction } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { ConfigJobRepository } from '../data-access/config-job.repository';
import type { DeviceStateRepository } from '../data-access/device-state.repository';
import type { ConsentChecker } from '../data-access/rpc-consent.checker';
import type { CommandPlanner, DetailedPlan, PlanTarget } from './command.planner';
import type { ConfigOutcomePublisher } from './config-outcome.publisher';
import type { ConfigJob } from './device-config.model';
import { firstAttempt, jobIdFor, type JobTiming, type NewJob } from './job-request.factory';
import type { SettingFindings } from './setting-findings';
import { isBasic } from './templates/family-layout';
import { layouts } from './templates/template.renderer';

export interface ConfigurationSettings extends JobTiming {
  /** Text of the 1101 confirm alert when the subscriber was never asked. */
  readonly confirmText: string;
  /** Text of the 1102 alert asking for the e-mail address. */
  readonly emailPromptText: string;
}

export interface ConfigureRequest {
  readonly target: PlanTarget;
  readonly settings: readonly SettingKind[];
  /** What triggered it (report id, resend id): the same origin plans the same jobs. */
  readonly origin: string;
  readonly correlationId: string;
  /** A diagnostic report's findings per setting: they, not the device record, say what to Add or Replace where. */
  readonly findings?: readonly SettingFindings[];
  /** Resend: push even if this profile version is applied already. */
  readonly force?: boolean;
}

export type ConfigureOutcome = 'sent' | 'consent-revoked' | 'no-template' | 'already-applied' | 'not-supported' | 'done-before';

/** Asking for a setting push: template, consent, then the DM job(s). The answers are handled by JobOutcomeHandler. */
export class ConfigurationService {
  constructor(
    private readonly bus: EventBus,
    private readonly planner: CommandPlanner,
    private readonly consent: ConsentChecker,
    private readonly devices: DeviceStateRepository,
    private readonly jobs: ConfigJobRepository,
    private readonly outcomes: ConfigOutcomePublisher,
    private readonly settings: ConfigurationSettings,
    private readonly logger: Logger,
  ) {}

  async configure(request: ConfigureRequest): Promise<{ outcome: ConfigureOutcome; jobIds: string[] }> {
    const { target } = request;
    const basic = request.settings.filter(isBasic);
    const wantsEmail = request.settings.includes('email');
    const plan = await this.planner.plan(target, basic, request.findings === undefined ? {} : { findings: request.findings });
    if (plan === undefined) {
      await this.devices.patch(target.deviceId, { state: 'skipped', reason: 'no-template', settings: [...request.settings], ...this.who(target) });
      this.logger.info({ deviceId: target.deviceId }, 'no template matches the handset; nothing pushed');
      return { outcome: 'no-template', jobIds: [] };
    }
    const { manufacturer, model, tac } = plan.handset;
    await this.devices.patch(target.deviceId, { ...(manufacturer === undefined ? {} : { manufacturer }), ...(model === undefined ? {} : { model }), ...(tac === undefined ? {} : { tac }) });
    if (plan.ignored.length > 0) this.logger.warn({ deviceId: target.deviceId, ignored: plan.ignored }, 'findings the template has no instance or leaf for; not acted on');
    const record = await this.devices.get(target.deviceId);
    const current = record?.state === 'applied' && record.profileId === plan.profileId && record.profileVersion === plan.profileVersion;
    if (request.force !== true && !wantsEmail && current && basic.every((s) => record.applied.includes(s))) {
      this.logger.info({ deviceId: target.deviceId, profileVersion: plan.profileVersion }, 'profile version already applied; not pushed again');
      return { outcome: 'already-applied', jobIds: [] };
    }
    const consent = await this.consent.changeSettings(target.msisdn);
    const jobIds: string[] = [];
    const common = { deviceId: target.deviceId, ...this.who(target), profileId: plan.profileId, profileVersion: plan.profileVersion, correlationId: request.correlationId };
    if (consent === 'revoked') {
      const id = jobIdFor(request.origin, 'settings');
      await this.devices.patch(target.deviceId, { state: 'failed', reason: 'consent-revoked', lastJobId: id, settings: [...request.settings], profileId: plan.profileId, profileVersion: plan.profileVersion });
      await this.outcomes.failed({ ...common, _id: id, attempt: 1 }, 'consent-revoked', { detail: 'change-settings consent revoked; nothing sent' });
      return { outcome: 'consent-revoked', jobIds: [id] };
    }
    if (plan.commands.length > 0) {
      const ui: UserInteraction | undefined = consent === 'not-asked' ? { code: 1101, text: this.settings.confirmText, maxDisplaySeconds: 300 } : undefined;
      const outside = plan.outsideTemplate.length === 0 ? {} : { outsideTemplate: plan.outsideTemplate };
      const job: NewJob = { ...common, id: jobIdFor(request.origin, 'settings'), kind: 'settings', commands: plan.commands, settings: plan.settings, ...outside, ...(ui === undefined ? {} : { userInteraction: ui }) };
      if ((await this.send(job)) === 'done') return { outcome: 'done-before', jobIds: [job.id] };
      jobIds.push(job.id);
    }
    if (wantsEmail) jobIds.push(...(await this.askEmail(request, plan, common)));
    return { outcome: jobIds.length > 0 ? 'sent' : 'not-supported', jobIds };
  }

  /** Inserts the job (once) and publishes it; a job planned before is re-published with the same id unless it has ended. */
  async send(newJob: NewJob): Promise<'sent' | 'done'> {
    const job = firstAttempt(newJob, this.settings);
    const stored: ConfigJob = (await this.jobs.insert(job)) ? job : ((await this.jobs.get(job._id)) ?? job);
    if (stored.state === 'done') return 'done';
    await this.devices.patch(job.deviceId, {
      state: job.kind === 'email-ask' ? 'awaiting-user' : 'pending',
      lastJobId: stored._id,
      profileId: job.profileId,
      profileVersion: job.profileVersion,
      settings: job.settings,
      ...this.who({ deviceId: job.deviceId, ...(job.msisdn === undefined ? {} : { msisdn: job.msisdn }) }),
    });
    await this.bus.publish('dm.command-requested.v1', stored.request, { id: stored._id, correlationId: stored.request.correlationId });
    this.logger.info({ deviceId: job.deviceId, jobId: stored._id, kind: job.kind, settings: job.settings, ui: job.request.userInteraction?.code }, 'config job requested');
    return 'sent';
  }

  /** E-mail is personal: a text-input alert asks for the address; the account follows once it is typed. */
  private async askEmail(request: ConfigureRequest, plan: DetailedPlan, common: Omit<NewJob, 'id' | 'kind' | 'commands' | 'settings'>): Promise<string[]> {
    const id = jobIdFor(request.origin, 'email-ask');
    if (!layouts[plan.template.family].supports('email') || plan.profile.email === undefined) {
      await this.outcomes.failed({ ...common, _id: id, attempt: 1 }, 'not-supported', { detail: `no e-mail settings for family ${plan.template.family}` });
      return [];
    }
    const job: NewJob = {
      ...common,
      id,
      kind: 'email-ask',
      // A job needs a command; reading DevId is harmless and proves the session ran.
      commands: [{ verb: 'Get', target: './DevInfo/DevId' }],
      settings: ['email'],
      userInteraction: { code: 1102, text: this.settings.emailPromptText, maxLength: 200, inputType: 'A', echoType: 'T', maxDisplaySeconds: 600 },
    };
    await this.send(job);
    return [id];
  }

  private who(target: Pick<PlanTarget, 'deviceId' | 'msisdn'>): { msisdn?: string } {
    return target.msisdn === undefined ? {} : { msisdn: target.msisdn };
  }
}
