import { OperationalError } from './dms.error';
import { TimeoutError, withTimeout } from './timeout.error';

describe('withTimeout', () => {
  it('resolves with the work when it finishes in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 100, 'work')).resolves.toBe(7);
  });

  it('rejects with a retriable TimeoutError naming the work when it does not', async () => {
    const error = await withTimeout(new Promise(() => undefined), 20, 'readiness check kafka').catch(
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(OperationalError);
    expect(error).toMatchObject({
      code: 'TIMEOUT',
      retriable: true,
      timeoutMs: 20,
      message: 'readiness check kafka did not finish within 20 ms',
    });
  });

  it('passes the work failure through unchanged', async () => {
    const failure = new OperationalError('BROKER_DOWN', 'no broker');

    await expect(withTimeout(Promise.reject(failure), 100, 'work')).rejects.toBe(failure);
  });
});
