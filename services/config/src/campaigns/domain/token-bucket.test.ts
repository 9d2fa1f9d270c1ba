import { TokenBucket, type Timer } from './token-bucket';

function fakeTimer(): Timer & { t: number; slept: number[] } {
  const timer = {
    t: 0,
    slept: [] as number[],
    now: () => timer.t,
    sleep: async (ms: number) => {
      timer.slept.push(ms);
      timer.t += ms;
    },
  };
  return timer;
}

describe('TokenBucket', () => {
  it('gives the burst at once, then one token per 1/rate second', async () => {
    const timer = fakeTimer();
    const bucket = new TokenBucket(10, 3, timer);
    for (let i = 0; i < 3; i++) await bucket.take();
    expect(timer.t).toBe(0);
    await bucket.take();
    expect(timer.t).toBe(100);
    await bucket.take();
    expect(timer.t).toBe(200);
  });

  it('never passes more than burst + rate * t tokens in t seconds', async () => {
    const timer = fakeTimer();
    const bucket = new TokenBucket(50, 5, timer);
    for (let i = 0; i < 505; i++) await bucket.take();
    // 5 from the burst, then 500 at 50/s = 10 s
    expect(timer.t).toBeGreaterThanOrEqual(10_000);
    expect(timer.t).toBeLessThan(10_100);
  });

  it('does not save more than the burst while idle', async () => {
    const timer = fakeTimer();
    const bucket = new TokenBucket(10, 2, timer);
    timer.t += 60_000;
    await bucket.take();
    await bucket.take();
    expect(timer.t).toBe(60_000);
    await bucket.take();
    expect(timer.t).toBe(60_100);
  });
});
