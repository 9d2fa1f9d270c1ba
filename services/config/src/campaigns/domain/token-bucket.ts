/** Clock and sleep, injectable so that the limiter is tested without waiting. */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Token bucket: `perSecond` tokens a second, at most `burst` saved up. `take()` resolves when
 * a token is available, so a dispatcher awaiting it sends at most `burst + perSecond * t`
 * jobs in any window of t seconds.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly timer: Timer = realTimer,
  ) {
    this.tokens = burst;
    this.last = timer.now();
  }

  private refill(): void {
    const now = this.timer.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  async take(): Promise<void> {
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.timer.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
    }
  }
}
