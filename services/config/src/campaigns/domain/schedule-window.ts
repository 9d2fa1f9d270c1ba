/** When a campaign may send jobs: an overall [startAt, endAt) and an optional daily [from, to) local time. */
export interface CampaignSchedule {
  startAt?: string | undefined;
  endAt?: string | undefined;
  daily?: { from: string; to: string; timeZone?: string | undefined } | undefined;
}

export type WindowState = { open: true } | { open: false; ended: boolean; retryInMs: number };

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isHhMm(value: string): boolean {
  return HHMM.test(value);
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function minutesOf(hhmm: string): number {
  const [, h, m] = HHMM.exec(hhmm) ?? [];
  return Number(h) * 60 + Number(m);
}

/** Minutes since local midnight in the zone (UTC by default). */
export function localMinutes(now: number, timeZone = 'UTC'): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(now));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}

/** Whether a local minute lies in [from, to); a window with to <= from wraps past midnight (22:00-06:00). */
export function inDailyWindow(minute: number, from: string, to: string): boolean {
  const start = minutesOf(from);
  const end = minutesOf(to);
  if (start === end) return true;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/**
 * Open, or closed with how long to wait before looking again (capped at a minute so that a
 * pause or a time-zone change is noticed; the runner polls anyway).
 */
export function windowState(schedule: CampaignSchedule | undefined, now: number): WindowState {
  if (schedule?.endAt !== undefined && now >= Date.parse(schedule.endAt))
    return { open: false, ended: true, retryInMs: 0 };
  if (schedule?.startAt !== undefined && now < Date.parse(schedule.startAt))
    return { open: false, ended: false, retryInMs: Math.min(60_000, Date.parse(schedule.startAt) - now) };
  const daily = schedule?.daily;
  if (daily !== undefined && !inDailyWindow(localMinutes(now, daily.timeZone), daily.from, daily.to))
    return { open: false, ended: false, retryInMs: 60_000 - (now % 60_000) };
  return { open: true };
}
