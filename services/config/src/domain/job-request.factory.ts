import { createHash } from 'node:crypto';
import type { DmCommand, DmCommandRequested, SettingKind, UserInteraction } from '@dms/contracts';
import type { ConfigJob, ConfigJobKind } from './device-config.model';

export interface JobTiming {
  /** How long the gateway keeps a job for a handset that does not call in. */
  readonly jobTtlMs: number;
  /** Wake the handset by SMS (Package 0) instead of waiting for its own session. */
  readonly notify: boolean;
}

/** Deterministic job id: the same trigger (report, earlier job) always plans the same job, which the gateway deduplicates. */
export function jobIdFor(origin: string, kind: ConfigJobKind): string {
  return `cfg-${kind}-${createHash('sha256').update(origin).digest('hex').slice(0, 24)}`;
}

export const attemptId = (baseId: string, attempt: number): string => (attempt === 1 ? baseId : `${baseId}-a${attempt}`);

export interface NewJob {
  readonly id: string;
  readonly kind: ConfigJobKind;
  readonly deviceId: string;
  readonly msisdn?: string;
  readonly commands: DmCommand[];
  readonly userInteraction?: UserInteraction;
  readonly profileId: string;
  readonly profileVersion: number;
  readonly settings: SettingKind[];
  /** Of `settings`, those written only into the handset's own instances (not recorded as applied). */
  readonly outsideTemplate?: SettingKind[];
  readonly correlationId: string;
  readonly campaignId?: string;
}

export function requestFor(job: NewJob, jobId: string, timing: JobTiming, now = Date.now()): DmCommandRequested {
  return {
    jobId,
    deviceId: job.deviceId,
    commands: job.commands,
    ...(job.userInteraction === undefined ? {} : { userInteraction: job.userInteraction }),
    priority: 'normal',
    expiresAt: new Date(now + timing.jobTtlMs).toISOString(),
    notify: timing.notify,
    ...(job.msisdn === undefined ? {} : { msisdn: job.msisdn }),
    correlationId: job.correlationId,
    requestedBy: 'config',
    requestedAt: new Date(now).toISOString(),
  };
}

export function firstAttempt(job: NewJob, timing: JobTiming): ConfigJob {
  return {
    _id: job.id,
    baseId: job.id,
    attempt: 1,
    deviceId: job.deviceId,
    ...(job.msisdn === undefined ? {} : { msisdn: job.msisdn }),
    kind: job.kind,
    profileId: job.profileId,
    profileVersion: job.profileVersion,
    settings: job.settings,
    ...(job.outsideTemplate === undefined ? {} : { outsideTemplate: job.outsideTemplate }),
    request: requestFor(job, job.id, timing),
    ...(job.campaignId === undefined ? {} : { campaignId: job.campaignId }),
    state: 'sent',
    updatedAt: new Date().toISOString(),
  };
}

/** The next attempt of a job the handset never ran: same commands, a new id, due after the backoff. */
export function nextAttempt(job: ConfigJob, dueAt: string): ConfigJob {
  const attempt = job.attempt + 1;
  const id = attemptId(job.baseId, attempt);
  return {
    ...job,
    _id: id,
    attempt,
    request: { ...job.request, jobId: id },
    state: 'scheduled',
    dueAt,
    updatedAt: new Date().toISOString(),
  };
}

/** Exponential backoff: base, 2 x base, 4 x base... capped. */
export function backoffMs(attemptDone: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attemptDone - 1), maxMs);
}
