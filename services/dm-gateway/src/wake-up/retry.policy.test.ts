import { OperationalError, UserError } from '@dms/service-kit';
import { SmppBindRefusedError, SmppConnectionError, SmppErrorCodes, SmppSubmitError } from './smpp.error';
import { smppStatus } from './smpp-status.codes';
import { backoffDelay, isRetriable, withRetries } from './retry.policy';

const where = { host: '127.0.0.1', port: 2775, systemId: 'dmsgw' };

describe('retry classification of SMPP outcomes', () => {
  it.each([
    ['0x58', 'ESME_RTHROTTLED'],
    ['0x14', 'ESME_RMSGQFUL'],
    ['0x08', 'ESME_RSYSERR'],
    ['0x04', 'ESME_RINVBNDSTS'],
  ])('submit_sm_resp status %s (%s) is retried', (status, name) => {
    const error = new SmppSubmitError(Number(status));
    expect(error.status.name).toBe(name);
    expect(isRetriable(error)).toBe(true);
  });

  it.each([
    ['0x0b', 'ESME_RINVDSTADR'],
    ['0x0a', 'ESME_RINVSRCADR'],
    ['0x45', 'ESME_RSUBMITFAIL'],
    ['0x401', '0x401'],
  ])('submit_sm_resp status %s (%s) fails the message at once', (status, name) => {
    const error = new SmppSubmitError(Number(status));
    expect(error.status.name).toBe(name);
    expect(isRetriable(error)).toBe(false);
  });

  it('a lost connection or a missing response is retried', () => {
    expect(isRetriable(new SmppConnectionError(SmppErrorCodes.connectionLost, 'reset'))).toBe(true);
    expect(isRetriable(new SmppConnectionError(SmppErrorCodes.timeout, 'no resp'))).toBe(true);
  });

  it.each(['0x0d', '0x0e', '0x0f'])('a refused bind (%s) is a configuration error, not retried', (hex) => {
    const status = Number(hex);
    const error = new SmppBindRefusedError(status, where, 'DMS_SMSC_PASSWORD');
    expect(error).toBeInstanceOf(UserError);
    expect(smppStatus(status).class).toBe('bind');
    expect(isRetriable(error)).toBe(false);
    expect(error.message).toContain('check DMS_SMSC_PASSWORD');
  });

  it('an error that is not a DmsError is a bug and is not retried', () => {
    expect(isRetriable(new TypeError('x is undefined'))).toBe(false);
  });
});

describe('backoff', () => {
  it('doubles from the base and stops at the cap', () => {
    const options = { baseMs: 100, maxMs: 1_000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, options))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('draws jitter below the nominal delay only', () => {
    expect(backoffDelay(3, { baseMs: 100, maxMs: 1_000, jitter: 0.5, random: () => 0 })).toBe(200);
    expect(backoffDelay(3, { baseMs: 100, maxMs: 1_000, jitter: 0.5, random: () => 1 })).toBe(400);
  });
});

describe('withRetries', () => {
  const noWait = { baseMs: 1, maxMs: 1, sleep: async () => undefined };

  it('tries again after a retriable error and returns the first success', async () => {
    const seen: number[] = [];
    const result = await withRetries(
      async (n) => {
        seen.push(n);
        if (n < 3) throw new SmppSubmitError(0x58);
        return 'msg-7';
      },
      { ...noWait, maxAttempts: 5 },
    );
    expect(result).toBe('msg-7');
    expect(seen).toEqual([1, 2, 3]);
  });

  it('stops at the first permanent error', async () => {
    let calls = 0;
    const attempt = async (): Promise<never> => {
      calls += 1;
      throw new SmppSubmitError(0x0b);
    };
    await expect(withRetries(attempt, { ...noWait, maxAttempts: 5 })).rejects.toMatchObject({
      code: SmppErrorCodes.submitRefused,
    });
    expect(calls).toBe(1);
  });

  it('gives up after maxAttempts with the last error and reports each retry', async () => {
    const retries: number[] = [];
    const attempt = async (n: number): Promise<never> => {
      throw new OperationalError('FLAKY', `try ${n}`);
    };
    await expect(
      withRetries(attempt, { ...noWait, maxAttempts: 3, onRetry: (_e, n) => retries.push(n) }),
    ).rejects.toThrow('try 3');
    expect(retries).toEqual([1, 2]);
  });

  it('starts no try whose backoff would end after the deadline', async () => {
    let now = 0;
    let calls = 0;
    const attempt = async (): Promise<never> => {
      calls += 1;
      throw new SmppSubmitError(0x58);
    };
    const options = {
      baseMs: 100,
      maxMs: 10_000,
      jitter: 0,
      maxAttempts: 10,
      deadline: 1_000,
      now: () => now,
      sleep: async (ms: number) => void (now += ms),
    };
    await expect(withRetries(attempt, options)).rejects.toBeInstanceOf(SmppSubmitError);
    expect(calls).toBe(4); // tries at 0, 100, 300, 700; the next would start at 1500
  });
});
