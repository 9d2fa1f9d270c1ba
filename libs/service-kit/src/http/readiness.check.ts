import { withTimeout } from '../errors/timeout.error';

/** One dependency probe (bus connected, store reachable). Resolve false or throw when not ready. */
export type ReadinessCheck = () => Promise<boolean>;

export interface ReadinessSources {
  /** Probes the service runs itself, returning a verdict per dependency. */
  readiness?: () => Promise<Record<string, boolean>>;
  /** Named probes, each bounded by its own timeout. */
  checks?: Readonly<Record<string, ReadinessCheck>>;
  /** Bound per probe; a slow dependency counts as not ready. Default 1000 ms. */
  timeoutMs?: number;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, boolean>;
  readonly failed: string[];
}

export const DEFAULT_CHECK_TIMEOUT_MS = 1000;

/** Name under which a `readiness` function that threw or hung is reported. */
export const AGGREGATE_CHECK = 'readiness';

async function verdict(check: ReadinessCheck, timeoutMs: number, name: string): Promise<boolean> {
  try {
    return (await withTimeout(check(), timeoutMs, `readiness check ${name}`)) === true;
  } catch {
    // A probe that throws or hangs is the answer "not ready"; the reason belongs in the dependency's own logs.
    return false;
  }
}

/** Runs every probe concurrently, so /readyz answers within about one timeout however many there are. */
export async function runReadinessChecks(sources: ReadinessSources): Promise<ReadinessReport> {
  const timeoutMs = sources.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const named = Object.entries(sources.checks ?? {});
  const [aggregate, individual] = await Promise.all([
    runAggregate(sources.readiness, timeoutMs),
    Promise.all(named.map(async ([name, check]) => [name, await verdict(check, timeoutMs, name)] as const)),
  ]);
  const checks: Record<string, boolean> = { ...aggregate, ...Object.fromEntries(individual) };
  const failed = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
  return { ready: failed.length === 0, checks, failed };
}

async function runAggregate(
  readiness: ReadinessSources['readiness'],
  timeoutMs: number,
): Promise<Record<string, boolean>> {
  if (readiness === undefined) return {};
  try {
    const result = await withTimeout(readiness(), timeoutMs, 'readiness');
    return Object.fromEntries(Object.entries(result).map(([name, ok]) => [name, ok === true]));
  } catch {
    return { [AGGREGATE_CHECK]: false };
  }
}
