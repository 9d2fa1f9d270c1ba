import { StatusCodes, type StatusCommand, type SyncHdr, type SyncMLMessage } from '@dms/syncml';
import type { Logger } from '@dms/service-kit';
import type { SessionLogRepository } from '../data-access/session-log.repository';
import type { SessionStateStore } from '../data-access/session-state.store';
import { dispatchCommand } from './handlers/command-dispatcher';
import { MessageContext } from './handlers/message-context';
import type { JobService } from './job.service';
import type { Job } from './job.model';
import { planNextMessage } from './outgoing-message';
import { nextMessageAlert, numbered } from './protocol-answers';
import { sessionCompletedEntry } from './session-completed.entry';
import type { SessionEventsPublisher } from './session-events.publisher';
import type { SessionState } from './session-state';

export interface RunInput {
  readonly message: SyncMLMessage;
  readonly server: SyncHdr;
  readonly leadingHeaderStatus: StatusCommand;
  readonly state: SessionState;
  readonly token: string;
  readonly encoding: 'xml' | 'wbxml';
  readonly log: Logger;
}

export interface RunOutcome {
  readonly reply: SyncMLMessage;
  readonly ended: boolean;
}

/**
 * One authenticated client message through the session (DM 1.2 protocol 2.1-2.3): its
 * commands to their handlers, answers into the job, events out, then the answer: the
 * "next message" response while the handset's package is incomplete, our next message
 * while ours is, else the next job's commands or the closing message (only statuses and
 * Final, after which the handset does not answer and the session ends).
 */
export class SessionRunner {
  constructor(
    private readonly sessions: SessionStateStore,
    private readonly jobs: JobService,
    private readonly events: SessionEventsPublisher,
    private readonly sessionLog: SessionLogRepository,
    private readonly maxObjSize: number,
  ) {}

  async run(input: RunInput): Promise<RunOutcome> {
    const { message, state, token, log } = input;
    const chunks = { append: (b: Buffer) => this.sessions.appendChunk(token, b), take: () => this.sessions.takeChunks(token) };
    const ctx = new MessageContext(state, message.hdr.msgId, chunks, this.maxObjSize);
    for (const command of message.body.commands) await dispatchCommand(command, ctx);
    let job = state.job === undefined ? undefined : await this.jobs.get(state.job);
    if (job !== undefined) await this.jobs.record(job, token, ctx.answers);
    await this.events.alerts(state, token, ctx.alerts);
    if (ctx.devInfoSeen || ctx.nodes.size > 0) await this.events.inventory(state, token, ctx.nodes);
    const leading = [input.leadingHeaderStatus, ...ctx.statuses];
    const close = async (outcome: 'completed' | 'aborted'): Promise<RunOutcome> => {
      if (job !== undefined) await this.jobs.complete(job._id, token);
      await this.ended(state, token, outcome, log);
      return { reply: { hdr: input.server, body: { commands: numbered(leading), final: true } }, ended: true };
    };
    if (ctx.abort) return close('aborted');
    if (!message.body.final && !(ctx.nextMessageRequested && state.mp === 1)) {
      // Handset's package goes on (fact sheet 5): statuses so far, Alert 1222, no Final.
      return { reply: { hdr: input.server, body: { commands: numbered([...leading, nextMessageAlert()]), final: false } }, ended: false };
    }
    if (state.mp === 0) job = await this.advanceJobs(job, ctx, state, token, log);
    for (;;) {
      const plan = planNextMessage(input.server, leading, job, state, input.encoding);
      if (job !== undefined && plan.local.length > 0) await this.jobs.record(job, token, new Map(plan.local.map(([path, status]) => [path, { status }])));
      if (plan.sent.length > 0 || plan.message.body.commands.length > leading.length) {
        state.out.push(...plan.sent);
        // planNextMessage numbers statuses and job commands itself, container members included;
        // renumbering only the top level here gave a second Atomic the CmdID of the first one's child.
        return { reply: plan.message, ended: false };
      }
      if (job === undefined) return close('completed');
      // Every command of this job is answered (or answered locally): end it, take the next.
      job = await this.advanceJobs(job, ctx, state, token, log);
    }
  }

  /** Ends the current job when nothing of it is outstanding, or declines it on a UI refusal; claims the next. */
  private async advanceJobs(job: Job | undefined, ctx: MessageContext, state: SessionState, token: string, log: Logger): Promise<Job | undefined> {
    if (job !== undefined) {
      if (ctx.uiStatus !== undefined) await this.jobs.recordUi(job, token, ctx.uiStatus, ctx.uiItems ?? []);
      // 214 (operation cancelled) is a 2xx code but means the user cancelled the alert (DM 1.2 protocol 2.5); the commands are not run.
      const declined = ctx.uiStatus !== undefined && (!(ctx.uiStatus >= 200 && ctx.uiStatus < 300) || ctx.uiStatus === StatusCodes.operationCancelled);
      if (ctx.uiStatus !== undefined && !declined) state.q = 0;
      const allSent = state.q >= job.commands.length && state.ch === undefined;
      if (!declined && !allSent) return job;
      state.out = [];
      await this.jobs.complete(job._id, token, declined);
      log.info({ jobId: job._id, correlationId: job.correlationId, declined }, 'job finished in session');
      delete state.job;
      ctx.uiStatus = undefined;
      ctx.uiItems = undefined;
    }
    const next = await this.jobs.claimNext(state.dev, token, state.sid, (t) => this.sessions.isLive(t));
    if (next === undefined) return undefined;
    state.job = next._id;
    state.jobs.push(next._id);
    state.q = next.userInteraction === undefined ? 0 : -1;
    state.out = [];
    delete state.ch;
    return next;
  }

  private async ended(state: SessionState, token: string, outcome: 'completed' | 'aborted', log: Logger): Promise<void> {
    const entry = sessionCompletedEntry(state, outcome, new Date());
    await this.sessionLog.append(token, entry);
    await this.events.sessionCompleted(entry, token);
    log.info({ outcome, messages: state.n, commands: state.cx, jobs: state.jobs.length, durationMs: Date.now() - state.t0 }, 'session ended');
  }
}
