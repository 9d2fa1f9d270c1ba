import type { Principal } from '../roles';
import type { FeedEvent, SeriesName } from './feed-event';
import { canSeeFeedEvent, scopeKeyOf, scopeKeysOf } from './feed.visibility';

const MINUTE = 60_000;
export const SERIES: readonly SeriesName[] = [
  'detections',
  'diagnostics',
  'configApplied',
  'configFailed',
  'sessions',
  'alerts',
  'commands',
  'firmware',
];

interface Counts {
  total: number;
  ok: number;
  failed: number;
}
type ScopeCounts = Partial<Record<SeriesName, Counts>>;

export interface DashboardOptions {
  /** Minutes of per-minute history kept and shown. */
  minutes: number;
  /** Recent events kept for the live list (before filtering per viewer). */
  recentEvents: number;
  /** Per minute, at most this many distinct lines get their own counters (end-user dashboards). */
  maxLineScopesPerMinute: number;
}

export interface DashboardSnapshot {
  /** Start of each minute, oldest first (ISO). */
  minutes: string[];
  series: Record<SeriesName, number[]>;
  /** Per series with an outcome: successes / (successes + failures) over the window; null without data. */
  successRate: {
    diagnostics: number | null;
    configurations: number | null;
    sessions: number | null;
    commands: number | null;
    firmware: number | null;
  };
  totals: Record<SeriesName, number>;
  recent: FeedEvent[];
}

/**
 * Per-minute counts and success rates of the live topics, per scope (everyone, a tenant, a
 * line), and the recent events. Idempotent: an event id seen before (redelivery) counts once.
 * Memory is bounded by the window, the recent list and the per-minute line cap.
 */
export class DashboardAggregator {
  private readonly buckets = new Map<number, Map<string, ScopeCounts>>();
  private readonly recent: FeedEvent[] = [];
  private readonly seen = new Set<string>();
  private readonly seenOrder: string[] = [];

  constructor(
    private readonly options: DashboardOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds an event; false when its id was added before. */
  add(event: FeedEvent): boolean {
    if (this.seen.has(event.id)) return false;
    this.remember(event.id);
    this.recent.push(event);
    if (this.recent.length > this.options.recentEvents) this.recent.shift();
    const now = this.now();
    const at = Math.min(Date.parse(event.time) || now, now);
    const minute = Math.floor(at / MINUTE) * MINUTE;
    if (minute <= now - this.options.minutes * MINUTE) return true;
    let bucket = this.buckets.get(minute);
    if (bucket === undefined) {
      bucket = new Map();
      this.buckets.set(minute, bucket);
      this.prune(now);
    }
    for (const key of scopeKeysOf(event)) {
      if (key.startsWith('m:') && !bucket.has(key) && bucket.size >= this.options.maxLineScopesPerMinute)
        continue;
      const scope = bucket.get(key) ?? {};
      const counts = (scope[event.series] ??= { total: 0, ok: 0, failed: 0 });
      counts.total++;
      if (event.ok === true) counts.ok++;
      if (event.ok === false) counts.failed++;
      bucket.set(key, scope);
    }
    return true;
  }

  snapshot(principal: Principal, recentLimit = 50): DashboardSnapshot {
    const now = this.now();
    const scope = scopeKeyOf(principal);
    const last = Math.floor(now / MINUTE) * MINUTE;
    const minutes: number[] = [];
    for (let i = this.options.minutes - 1; i >= 0; i--) minutes.push(last - i * MINUTE);
    const series = Object.fromEntries(SERIES.map((name) => [name, [] as number[]])) as Record<
      SeriesName,
      number[]
    >;
    const sums = Object.fromEntries(SERIES.map((name) => [name, { total: 0, ok: 0, failed: 0 }])) as Record<
      SeriesName,
      Counts
    >;
    for (const minute of minutes) {
      const counts = this.buckets.get(minute)?.get(scope) ?? {};
      for (const name of SERIES) {
        const c = counts[name];
        series[name].push(c?.total ?? 0);
        sums[name].total += c?.total ?? 0;
        sums[name].ok += c?.ok ?? 0;
        sums[name].failed += c?.failed ?? 0;
      }
    }
    const rate = (ok: number, failed: number): number | null =>
      ok + failed === 0 ? null : ok / (ok + failed);
    const configOk = sums.configApplied.ok;
    const configFailed = sums.configFailed.failed;
    return {
      minutes: minutes.map((m) => new Date(m).toISOString()),
      series,
      successRate: {
        diagnostics: rate(sums.diagnostics.ok, sums.diagnostics.failed),
        configurations: rate(configOk, configFailed),
        sessions: rate(sums.sessions.ok, sums.sessions.failed),
        commands: rate(sums.commands.ok, sums.commands.failed),
        firmware: rate(sums.firmware.ok, sums.firmware.failed),
      },
      totals: Object.fromEntries(SERIES.map((name) => [name, sums[name].total])) as Record<
        SeriesName,
        number
      >,
      recent: this.recent
        .filter((event) => canSeeFeedEvent(principal, event))
        .slice(-recentLimit)
        .reverse(),
    };
  }

  private remember(id: string): void {
    this.seen.add(id);
    this.seenOrder.push(id);
    // Ids are kept a little longer than the recent list, enough for a redelivery burst.
    const keep = Math.max(10_000, this.options.recentEvents * 4);
    if (this.seenOrder.length > keep) this.seen.delete(this.seenOrder.shift() as string);
  }

  private prune(now: number): void {
    const oldest = now - this.options.minutes * MINUTE;
    for (const minute of this.buckets.keys()) if (minute <= oldest) this.buckets.delete(minute);
  }
}
