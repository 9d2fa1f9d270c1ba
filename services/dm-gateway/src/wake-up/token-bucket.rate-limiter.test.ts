import { UserError } from '@dms/service-kit';
import { TokenBucketRateLimiter } from './token-bucket.rate-limiter';

/** A clock that only moves when the limiter sleeps: the times granted are exact. */
function virtualClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

describe('TokenBucketRateLimiter', () => {
  it('spaces messages 1/rate apart when the burst is 1', async () => {
    const clock = virtualClock();
    const limiter = new TokenBucketRateLimiter({ ratePerSecond: 4, ...clock });
    const granted: number[] = [];
    for (let i = 0; i < 5; i++) {
      await limiter.take();
      granted.push(clock.now());
    }
    expect(granted).toEqual([0, 250, 500, 750, 1000]);
  });

  it('lets a burst through at once, then falls back to the rate', async () => {
    const clock = virtualClock();
    const limiter = new TokenBucketRateLimiter({ ratePerSecond: 10, burst: 3, ...clock });
    const granted: number[] = [];
    for (let i = 0; i < 5; i++) {
      await limiter.take();
      granted.push(clock.now());
    }
    expect(granted).toEqual([0, 0, 0, 100, 200]);
  });

  it('serves concurrent callers in call order at the shared rate', async () => {
    const clock = virtualClock();
    const limiter = new TokenBucketRateLimiter({ ratePerSecond: 2, ...clock });
    const order: Array<[number, number]> = [];
    await Promise.all([1, 2, 3].map((n) => limiter.take().then(() => order.push([n, clock.now()]))));
    expect(order).toEqual([
      [1, 0],
      [2, 500],
      [3, 1000],
    ]);
  });

  it('refills while idle but never above the burst', async () => {
    const clock = virtualClock();
    const limiter = new TokenBucketRateLimiter({ ratePerSecond: 1, burst: 2, ...clock });
    await limiter.take();
    await limiter.take();
    await clock.sleep(60_000); // a long quiet period
    const start = clock.now();
    await limiter.take();
    await limiter.take();
    await limiter.take();
    expect(clock.now() - start).toBe(1000);
  });

  it('really waits on the wall clock by default', async () => {
    const limiter = new TokenBucketRateLimiter({ ratePerSecond: 20 });
    const start = Date.now();
    for (let i = 0; i < 4; i++) await limiter.take();
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucketRateLimiter({ ratePerSecond: 0 })).toThrow(UserError);
  });
});
