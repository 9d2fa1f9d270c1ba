import type { Logger } from '@dms/service-kit';
import type { LiveSession, LiveSessionIndex } from '../data-access/live-session.index';
import type { SessionLogRepository } from '../data-access/session-log.repository';
import type { SessionStateStore } from '../data-access/session-state.store';
import type { JobService } from './job.service';
import { sessionCompletedEntry } from './session-completed.entry';
import type { SessionEventsPublisher } from './session-events.publisher';

const BATCH = 100;
/** A pass ends after this many full batches; the rest waits for the next pass. */
const MAX_BATCHES_PER_PASS = 20;

/**
 * Sessions that end without a last message: the handset stops answering (outcome
 * `timeout`) or gives up after failed authentication (`auth-failed`: it never got past
 * it). The periodic sweep takes index entries past their deadline; a session still live
 * gets its deadline moved to its current expiry; an expired one is claimed (one instance
 * reports it, and never a session that ended normally), logged, published and forgotten;
 * the job it was running is reported `interrupted`.
 */
export class SessionExpiryService {
  constructor(
    private readonly sessions: SessionStateStore,
    private readonly index: LiveSessionIndex,
    private readonly sessionLog: SessionLogRepository,
    private readonly events: SessionEventsPublisher,
    private readonly jobs: JobService,
    private readonly logger: Logger,
  ) {}

  /** Reports the sessions that ended silently up to `now`; returns how many this call reported. */
  async sweep(now = Date.now()): Promise<number> {
    let reported = 0;
    // Every entry of a batch is removed or postponed past `now`, so the next batch holds new ones.
    for (let batch = 0; batch < MAX_BATCHES_PER_PASS; batch += 1) {
      const due = await this.index.due(now, BATCH);
      for (const session of due) if (await this.settle(session, now)) reported += 1;
      if (due.length < BATCH) break;
    }
    return reported;
  }

  /** True when this instance reported the session. */
  private async settle(due: LiveSession, now: number): Promise<boolean> {
    const last = await this.sessions.loadLast(due.token);
    if (last?.x !== undefined && last.x > now) {
      await this.index.postpone(due.token, last.x);
      return false;
    }
    const claimed = await this.sessions.claimReport(due.token);
    if (claimed) {
      // Without the grace copy (instance down longer than the grace), the state of the start is all there is.
      const state = last ?? due.first;
      const outcome = state.ok === 0 ? 'auth-failed' : 'timeout';
      const entry = sessionCompletedEntry(state, outcome, new Date(Math.min(state.x ?? due.deadline, now)));
      await this.sessionLog.append(due.token, entry);
      await this.events.sessionCompleted(entry, due.token);
      // Its running job ends now as interrupted, not at the device's next session.
      if (state.job !== undefined) await this.jobs.interrupt(state.job, due.token);
      await this.sessions.forget(due.token, state);
      this.logger.info({ sessionId: due.token, deviceId: state.dev, dmSessionId: state.sid, outcome, messages: state.n }, 'silent session end reported');
    }
    await this.index.remove(due.token);
    return claimed;
  }
}
