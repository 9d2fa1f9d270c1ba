import { inDailyWindow, isTimeZone, localMinutes, windowState } from './schedule-window';

const at = (iso: string): number => Date.parse(iso);

describe('schedule window', () => {
  it('is open without a schedule', () => {
    expect(windowState(undefined, at('2026-11-28T03:00:00Z'))).toEqual({ open: true });
  });

  it('waits for startAt and ends at endAt', () => {
    const schedule = { startAt: '2026-11-28T10:00:00Z', endAt: '2026-11-28T12:00:00Z' };
    expect(windowState(schedule, at('2026-11-28T09:59:30Z'))).toEqual({ open: false, ended: false, retryInMs: 30_000 });
    expect(windowState(schedule, at('2026-11-28T10:00:00Z'))).toEqual({ open: true });
    expect(windowState(schedule, at('2026-11-28T12:00:00Z'))).toMatchObject({ open: false, ended: true });
  });

  it('honours a daily window, also one that wraps past midnight', () => {
    expect(inDailyWindow(9 * 60, '09:00', '17:00')).toBe(true);
    expect(inDailyWindow(17 * 60, '09:00', '17:00')).toBe(false);
    expect(inDailyWindow(23 * 60, '22:00', '06:00')).toBe(true);
    expect(inDailyWindow(5 * 60 + 59, '22:00', '06:00')).toBe(true);
    expect(inDailyWindow(6 * 60, '22:00', '06:00')).toBe(false);
    expect(inDailyWindow(12 * 60, '22:00', '06:00')).toBe(false);
  });

  it('reads the daily window in the given time zone', () => {
    // 2026-11-28 21:30 UTC is 22:30 in Berlin (CET, UTC+1): inside 22:00-06:00 there, not in UTC
    const now = at('2026-11-28T21:30:00Z');
    expect(localMinutes(now, 'Europe/Berlin')).toBe(22 * 60 + 30);
    expect(windowState({ daily: { from: '22:00', to: '06:00', timeZone: 'Europe/Berlin' } }, now)).toEqual({ open: true });
    expect(windowState({ daily: { from: '22:00', to: '06:00' } }, now)).toMatchObject({ open: false, ended: false });
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
