import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '@dms/service-kit';

export interface TokenBucketOptions {
  /** Tokens added per second: the SMSC's agreed submit_sm rate. */
  readonly ratePerSecond: number;
  /** Largest burst; default 1 (evenly spaced messages, what SMSCs throttle least). */
  readonly burst?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<unknown>;
}

/**
 * Token bucket in front of the SMSC: `take()` resolves when a token is free, in call order
 * (FIFO), so concurrent wake-ups share one rate instead of each getting its own.
 */
export class TokenBucketRateLimiter {
  private readonly rate: number;
  private readonly burst: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<unknown>;
  private tokens: number;
  private refilledAt: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond > 0)) throw new UserError('RATE_LIMIT_INVALID', 'ratePerSecond must be > 0');
    const burst = options.burst ?? 1;
    if (!(burst >= 1)) throw new UserError('RATE_LIMIT_INVALID', 'burst must be >= 1');
    this.rate = options.ratePerSecond;
    this.burst = burst;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? sleep;
    this.tokens = burst;
    this.refilledAt = this.now();
  }

  /** Waits for one token; callers are served in the order they called. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.takeNow());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeNow(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.rate));
    }
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
    this.refilledAt = now;
  }
}
