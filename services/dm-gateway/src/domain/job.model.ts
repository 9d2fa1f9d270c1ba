import type { DmCommand, DmCommandResult, DmResultItem, UserInteraction } from '@dms/contracts';

export type JobState = 'queued' | 'running' | 'completed' | 'partial' | 'failed' | 'declined' | 'expired' | 'interrupted';
export type JobPriority = 'low' | 'normal' | 'high';

export const priorityRank: Readonly<Record<JobPriority, number>> = { low: 0, normal: 1, high: 2 };

/** One command's answer as recorded while the session runs (keyed by path, `2` or `2.0`). */
export interface RecordedResult {
  status?: number;
  items?: DmResultItem[];
}

export interface Job {
  readonly _id: string;
  readonly deviceId: string;
  state: JobState;
  readonly commands: DmCommand[];
  readonly userInteraction?: UserInteraction;
  readonly priority: JobPriority;
  readonly rank: number;
  readonly expiresAt?: string;
  readonly notify: boolean;
  /** MSISDN the request named for the wake-up SMS. */
  readonly msisdn?: string;
  readonly correlationId: string;
  readonly requestedBy: string;
  readonly requestedAt: string;
  /** RespURI token of the session that claimed the job (the claim binds job and session). */
  session?: string;
  sessionId?: string;
  /** Recorded answers by result key (`r2_0` for path `2.0`: dots would be field paths). */
  results?: Record<string, RecordedResult>;
  /** Status of the user-interaction alert, when there was one. */
  uiStatus?: number;
  /** Items of that Status: the text typed (1102) or the choices made (1103/1104). */
  uiItems?: DmResultItem[];
  endedAt?: string;
}

export const resultKey = (path: string): string => `r${path.replace(/\./g, '_')}`;

/** Every command of the job with its path, depth first (Atomic/Sequence children after their parent). */
export function flattenCommands(commands: readonly DmCommand[], prefix = ''): { path: string; command: DmCommand }[] {
  return commands.flatMap((command, i) => {
    const path = `${prefix}${i}`;
    return [{ path, command }, ...flattenCommands(command.children ?? [], `${path}.`)];
  });
}

export function commandAt(commands: readonly DmCommand[], path: string): DmCommand | undefined {
  let list: readonly DmCommand[] | undefined = commands;
  let found: DmCommand | undefined;
  for (const part of path.split('.')) {
    found = list?.[Number(part)];
    list = found?.children;
  }
  return found;
}

/** The per-command results of the event; a command the handset never answered has no status and is left out. */
export function jobResults(job: Job): DmCommandResult[] {
  const recorded = job.results ?? {};
  return flattenCommands(job.commands).flatMap(({ path, command }) => {
    const r = recorded[resultKey(path)];
    if (r?.status === undefined) return [];
    return [{ cmdRef: path, verb: command.verb, ...(command.target === undefined ? {} : { target: command.target }), status: r.status, items: r.items ?? [] }];
  });
}

/** completed: every command 2xx; failed: none was; partial: in between (or some never answered). */
export function jobOutcome(job: Job): 'completed' | 'partial' | 'failed' {
  const all = flattenCommands(job.commands);
  const results = jobResults(job);
  const ok = results.filter((r) => r.status >= 200 && r.status < 300).length;
  if (ok === all.length) return 'completed';
  return ok === 0 ? 'failed' : 'partial';
}

export function isExpired(job: Pick<Job, 'expiresAt'>, now: number): boolean {
  return job.expiresAt !== undefined && Date.parse(job.expiresAt) <= now;
}
