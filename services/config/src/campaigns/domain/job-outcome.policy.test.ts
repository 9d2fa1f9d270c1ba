import { backoffDelay, decideAttempt } from './job-outcome.policy';

const policy = { maxAttempts: 3, backoffMs: 1000, backoffMaxMs: 3000 };
const now = Date.parse('2026-11-28T10:00:00Z');

describe('job outcome policy', () => {
  it('doubles the backoff per attempt up to the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(policy, a))).toEqual([1000, 2000, 3000, 3000]);
  });

  it('retries an unreached handset while attempts are left, then fails it', () => {
    expect(decideAttempt({ outcome: 'expired', results: [] }, 1, policy, false, now)).toEqual({
      kind: 'retry',
      reason: 'expired',
      retryAt: '2026-11-28T10:00:01.000Z',
    });
    expect(decideAttempt({ outcome: 'interrupted', results: [] }, 2, policy, false, now)).toMatchObject({
      kind: 'retry',
      reason: 'unreachable',
      retryAt: '2026-11-28T10:00:02.000Z',
    });
    expect(decideAttempt({ outcome: 'interrupted', results: [] }, 3, policy, false, now)).toEqual({
      kind: 'failed',
      reason: 'unreachable',
    });
  });

  it('does not retry an answer from the handset', () => {
    expect(decideAttempt({ outcome: 'completed', results: [] }, 1, policy, false, now)).toEqual({ kind: 'applied' });
    expect(decideAttempt({ outcome: 'rejected', results: [] }, 1, policy, false, now)).toEqual({
      kind: 'failed',
      reason: 'user-rejected',
    });
    const partial = decideAttempt(
      {
        outcome: 'partial',
        results: [
          { cmdRef: '0', verb: 'Replace', status: 200, items: [] },
          { cmdRef: '1', verb: 'Replace', status: 405, items: [] },
        ],
      },
      1,
      policy,
      false,
      now,
    );
    expect(partial).toEqual({ kind: 'failed', reason: 'device-rejected', status: 405 });
  });

  it('cancels instead of retrying once the campaign is stopped', () => {
    expect(decideAttempt({ outcome: 'expired', results: [] }, 1, policy, true, now)).toEqual({
      kind: 'cancelled',
      reason: 'expired',
    });
  });
});
