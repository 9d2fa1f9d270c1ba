import type { DrainState } from '../http/ops.router';
import type { Logger } from '../logging/logger.factory';
import { EXIT_FAILURE, EXIT_OK } from './exit-codes';

export type ShutdownHook = () => Promise<void> | void;

export interface ShutdownManagerOptions {
  logger: Logger;
  /** Bound on all hooks together; default 10 s (below Kubernetes' 30 s grace period, leaving room to log). */
  timeoutMs?: number;
}

export interface ShutdownOutcome {
  readonly exitCode: typeof EXIT_OK | typeof EXIT_FAILURE;
  /** Hooks that threw. */
  readonly failed: readonly string[];
  /** The hook that was still running when time ran out. */
  readonly timedOut: string | undefined;
  /** Hooks never started because time ran out. */
  readonly skipped: readonly string[];
}

export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Stops a service in the reverse order it started: what was opened first (connections)
 * is closed last, after the consumers that use them have stopped and drained. Marks the
 * process as draining first so /healthz and /readyz turn 503 and no new work arrives.
 */
export class ShutdownManager implements DrainState {
  private readonly hooks: { name: string; hook: ShutdownHook }[] = [];
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private running: Promise<ShutdownOutcome> | undefined;

  constructor(options: ShutdownManagerOptions) {
    this.logger = options.logger;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS;
  }

  /** Register in start-up order; hooks run last-registered first. */
  register(name: string, hook: ShutdownHook): void {
    this.hooks.push({ name, hook });
  }

  isDraining(): boolean {
    return this.running !== undefined;
  }

  /** Runs the hooks once; later calls return the same outcome. */
  shutdown(reason: string): Promise<ShutdownOutcome> {
    this.running ??= this.runHooks(reason);
    return this.running;
  }

  private async runHooks(reason: string): Promise<ShutdownOutcome> {
    const deadline = Date.now() + this.timeoutMs;
    const ordered = [...this.hooks].reverse();
    const failed: string[] = [];
    this.logger.info(
      { reason, hooks: ordered.map((entry) => entry.name), timeoutMs: this.timeoutMs },
      'shutting down',
    );
    for (const [index, { name, hook }] of ordered.entries()) {
      const started = Date.now();
      const result = await settleWithin(hook, deadline - started);
      if (result.kind === 'timeout') return this.outOfTime(name, ordered.slice(index + 1), failed);
      if (result.kind === 'failed') {
        // A failed hook must not keep the connections after it open; go on and report at the end.
        failed.push(name);
        this.logger.error({ hook: name, err: result.error }, 'shutdown hook failed');
      } else {
        this.logger.info({ hook: name, durationMs: Date.now() - started }, 'shutdown hook done');
      }
    }
    const exitCode = failed.length === 0 ? EXIT_OK : EXIT_FAILURE;
    this.logger.info({ exitCode, failed }, 'shutdown complete');
    return { exitCode, failed, timedOut: undefined, skipped: [] };
  }

  private outOfTime(hook: string, pending: { name: string }[], failed: string[]): ShutdownOutcome {
    const skipped = pending.map((entry) => entry.name);
    this.logger.error({ hook, skipped, failed, timeoutMs: this.timeoutMs }, 'shutdown ran out of time');
    return { exitCode: EXIT_FAILURE, failed, timedOut: hook, skipped };
  }
}

type HookResult = { kind: 'done' } | { kind: 'failed'; error: unknown } | { kind: 'timeout' };

/**
 * Runs one hook against the remaining time. The deadline is told apart from errors the
 * hook throws itself (a bus close may fail with its own TimeoutError; that is a failed
 * hook, not the shutdown running out of time).
 */
async function settleWithin(hook: ShutdownHook, remainingMs: number): Promise<HookResult> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<HookResult>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), Math.max(0, remainingMs));
  });
  const work = Promise.resolve()
    .then(hook)
    .then(
      (): HookResult => ({ kind: 'done' }),
      (error: unknown): HookResult => ({ kind: 'failed', error }),
    );
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}
