import { OperationalError } from './dms.error';

/** A bounded wait ran out (readiness check, shutdown hook). Retriable: the next attempt may be quicker. */
export class TimeoutError extends OperationalError {
  readonly timeoutMs: number;

  constructor(what: string, timeoutMs: number) {
    super('TIMEOUT', `${what} did not finish within ${timeoutMs} ms`, { details: { timeoutMs } });
    this.timeoutMs = timeoutMs;
  }
}

/**
 * Resolves like `work`, or rejects with TimeoutError after `timeoutMs`. The timer is
 * cleared as soon as `work` settles; it is deliberately not unref'd, so that a hook
 * hanging on nothing still ends in a timeout rather than a silent exit.
 */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}
