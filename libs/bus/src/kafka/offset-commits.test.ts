import type { BusLogger } from '../bus-logger';
import { OffsetCommits } from './offset-commits';

type Offsets = ReadonlyArray<{ partition: number; offset: string }>;

function setup(fail: (call: number) => boolean = () => false, retryMs = 60_000) {
  const calls: Offsets[] = [];
  const warnings: string[] = [];
  const pending: Array<() => void> = [];
  const logger: BusLogger = { debug() {}, info() {}, warn: (_f, m) => void warnings.push(m), error() {} };
  const commits = new OffsetCommits(
    (offsets) => {
      calls.push(offsets);
      const call = calls.length;
      return new Promise<void>((resolve, reject) =>
        pending.push(() => (fail(call) ? reject(new Error('REBALANCE_IN_PROGRESS')) : resolve())),
      );
    },
    logger,
    { group: 'g', topic: 't' },
    retryMs,
  );
  const answer = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { commits, calls, warnings, answer };
}

describe('OffsetCommits', () => {
  it('keeps one commit in flight and sends, per partition, the newest offset asked for meanwhile', async () => {
    const { commits, calls, answer } = setup();
    commits.request(0, '10');
    commits.request(0, '20');
    commits.request(1, '5');
    commits.request(0, '30');
    expect(calls).toEqual([[{ partition: 0, offset: '10' }]]);
    await answer();
    expect(calls[1]).toEqual([
      { partition: 0, offset: '30' },
      { partition: 1, offset: '5' },
    ]);
    await answer();
    expect(calls).toHaveLength(2);
  });

  it('tries a failed commit again with the next request, unless a newer offset replaced it', async () => {
    const { commits, calls, warnings, answer } = setup((call) => call === 1);
    commits.request(0, '10');
    commits.request(1, '7');
    await answer();
    expect(warnings).toEqual([expect.stringMatching(/offset commit failed/)]);
    // Nothing goes out at once after a failure (no busy retry against a rebalancing group)...
    expect(calls).toHaveLength(1);
    // ...the next request carries the failed partition 0's newer offset and partition 1's.
    commits.request(0, '12');
    await answer();
    expect(calls[1]).toEqual([
      { partition: 1, offset: '7' },
      { partition: 0, offset: '12' },
    ]);
  });

  it('sends a failed commit again after a while when no newer request comes (the end of a stream)', async () => {
    const { commits, calls, answer } = setup((call) => call === 1, 20);
    commits.request(0, '10');
    await answer();
    expect(calls).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls[1]).toEqual([{ partition: 0, offset: '10' }]);
    await answer();
  });

  it('drain() resolves once every requested offset went out; clear() forgets what was not sent', async () => {
    const { commits, calls, answer } = setup();
    commits.request(0, '10');
    commits.request(0, '11');
    const drained = commits.drain();
    await answer();
    await answer();
    await drained;
    expect(calls.map((c) => c[0]!.offset)).toEqual(['10', '11']);
    commits.request(2, '3');
    commits.request(2, '4');
    commits.clear();
    await answer();
    expect(calls.map((c) => c[0]!.offset)).toEqual(['10', '11', '3']);
  });
});
