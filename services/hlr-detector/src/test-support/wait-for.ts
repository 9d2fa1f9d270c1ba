import { OperationalError } from '@dms/service-kit';

export class WaitTimeoutError extends OperationalError {
  constructor(what: string, timeoutMs: number) {
    super('TEST_WAIT_TIMEOUT', `timed out after ${timeoutMs} ms waiting for ${what}`);
  }
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new WaitTimeoutError(what, timeoutMs);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sum of a counter's values over all label sets, read from the registry. */
export async function counterTotal(
  registry: { getSingleMetric(name: string): unknown },
  name: string,
): Promise<number> {
  const metric = registry.getSingleMetric(name) as
    | { get(): Promise<{ values: Array<{ value: number }> }> }
    | undefined;
  if (!metric) return 0;
  return (await metric.get()).values.reduce((sum, v) => sum + v.value, 0);
}
