import type { EventBus } from '@dms/bus';
import type { DmCommandCompleted, DmCommandRequested, DmResultItem } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { JobRepository } from '../data-access/job.repository';
import type { JobWakeUpService } from './job-wake-up.service';
import { isExpired, jobOutcome, jobResults, priorityRank, resultKey, type Job, type JobState, type RecordedResult } from './job.model';

export type JobRequest = Omit<DmCommandRequested, 'priority' | 'notify'> & Partial<Pick<DmCommandRequested, 'priority' | 'notify'>>;

/**
 * The per-device job queue: queue (REST or dm.command-requested), claim in a session
 * (a conditional update binds the job to the session: a job runs at most once), record
 * answers, finish with dm.command-completed. A job whose session vanished (instance
 * restart, session state expired) is never re-sent: it ends `interrupted` and is reported
 * with outcome `interrupted` and the answers recorded so far.
 */
export class JobService {
  constructor(
    private readonly jobs: JobRepository,
    private readonly bus: EventBus,
    private readonly wakeUp: JobWakeUpService,
    private readonly logger: Logger,
  ) {}

  /** Idempotent by jobId: a redelivered request queues nothing twice. */
  async queue(request: JobRequest): Promise<{ job: Job; created: boolean }> {
    const priority = request.priority ?? 'normal';
    const job: Job = {
      _id: request.jobId,
      deviceId: request.deviceId,
      state: 'queued',
      commands: request.commands,
      ...(request.userInteraction === undefined ? {} : { userInteraction: request.userInteraction }),
      priority,
      rank: priorityRank[priority],
      ...(request.expiresAt === undefined ? {} : { expiresAt: request.expiresAt }),
      notify: request.notify ?? false,
      ...(request.msisdn === undefined ? {} : { msisdn: request.msisdn }),
      correlationId: request.correlationId,
      requestedBy: request.requestedBy,
      requestedAt: request.requestedAt,
      results: {},
    };
    const created = await this.jobs.insert(job);
    if (!created) return { job: (await this.jobs.get(job._id)) ?? job, created };
    this.logger.info({ deviceId: job.deviceId, jobId: job._id, correlationId: job.correlationId, commands: job.commands.length }, 'job queued');
    if (job.notify) await this.wakeUp.wake(job);
    return { job, created };
  }

  get(jobId: string): Promise<Job | undefined> {
    return this.jobs.get(jobId);
  }

  /**
   * The next job for a session: first ends jobs bound to sessions that no longer live, then
   * reports expired ones, then claims the best queued job (another instance may win the claim).
   */
  async claimNext(deviceId: string, token: string, sessionId: string, isLive: (token: string) => Promise<boolean>): Promise<Job | undefined> {
    for (const stale of await this.jobs.running(deviceId)) {
      if (stale.session === token || (stale.session !== undefined && (await isLive(stale.session)))) continue;
      await this.finish(stale, 'interrupted', 'interrupted', stale.session);
    }
    const now = Date.now();
    for (const job of await this.jobs.queued(deviceId)) {
      if (isExpired(job, now)) {
        await this.expire(job);
        continue;
      }
      if (await this.jobs.claim(job._id, token, sessionId)) {
        this.logger.info({ deviceId, jobId: job._id, correlationId: job.correlationId, sessionId: token }, 'job claimed');
        return { ...job, state: 'running', session: token, sessionId };
      }
    }
    return undefined;
  }

  async record(job: Job, token: string, answers: ReadonlyMap<string, RecordedResult>): Promise<void> {
    if (answers.size === 0) return;
    const set: Record<string, unknown> = {};
    for (const [path, answer] of answers) {
      if (answer.status !== undefined) set[`results.${resultKey(path)}.status`] = answer.status;
      if (answer.items !== undefined) set[`results.${resultKey(path)}.items`] = answer.items;
    }
    await this.jobs.record(job._id, token, set);
  }

  async recordUi(job: Job, token: string, status: number, items: DmResultItem[] = []): Promise<void> {
    await this.jobs.record(job._id, token, { uiStatus: status, uiItems: items });
  }

  /** Reads the answers back and ends the job; the event goes out first (same id on a retry), then the state. */
  async complete(jobId: string, token: string, declined = false): Promise<void> {
    const job = await this.jobs.get(jobId);
    if (job === undefined || job.state !== 'running' || job.session !== token) return;
    if (declined) await this.finish(job, 'declined', 'rejected', token);
    else {
      const outcome = jobOutcome(job);
      await this.finish(job, outcome, outcome, token);
    }
  }

  /** The session bound to the job ended silently (the expiry sweep): the job is interrupted, not re-sent. */
  async interrupt(jobId: string, token: string): Promise<void> {
    const job = await this.jobs.get(jobId);
    if (job === undefined || job.state !== 'running' || job.session !== token) return;
    await this.finish(job, 'interrupted', 'interrupted', token);
  }

  async expire(job: Job): Promise<void> {
    await this.finish(job, 'expired', 'expired');
  }

  /** Reports queued jobs past their expiry (the periodic sweep). */
  async sweepExpired(): Promise<number> {
    const expired = await this.jobs.expiredQueued(new Date().toISOString());
    for (const job of expired) await this.expire(job);
    return expired.length;
  }

  private async finish(job: Job, state: JobState, outcome: DmCommandCompleted['outcome'], session?: string): Promise<void> {
    const event: DmCommandCompleted = {
      jobId: job._id,
      deviceId: job.deviceId,
      correlationId: job.correlationId,
      ...(job.sessionId === undefined ? {} : { sessionId: job.sessionId }),
      outcome,
      results: jobResults(job),
      // Any job with a user interaction the handset answered says what the user answered.
      ...(job.uiStatus === undefined ? {} : { userResponse: { status: job.uiStatus, items: job.uiItems ?? [] } }),
      completedAt: new Date().toISOString(),
    };
    await this.bus.publish('dm.command-completed.v1', event, { id: `job:${job._id}:${state}`, correlationId: job.correlationId });
    const ended = await this.jobs.finish(job._id, job.state, state, session);
    this.logger.info({ deviceId: job.deviceId, jobId: job._id, correlationId: job.correlationId, state, ended }, 'job ended');
  }
}
