import { isDmsError } from '@dms/service-kit';

export interface WriteStreamResult {
  /** Indexes whose write resolved. */
  acknowledged: number[];
  /** Errors of writes that rejected. */
  failures: unknown[];
  /** First index issued after `during` had finished. */
  firstIndexAfter: number;
  attempted: number;
  slowestMs: number;
}

/**
 * Issues `write(i)` one after another while `during()` runs (a server restart), and
 * keeps going afterwards until `acksAfter` writes issued after it were acknowledged
 * (the client recovered) or `maxTailMs` passed, recording what succeeded and what failed.
 */
export async function writeStreamAround(
  write: (i: number) => Promise<unknown>,
  during: () => Promise<void>,
  options: { leadMs: number; acksAfter: number; maxTailMs: number },
): Promise<WriteStreamResult> {
  const result: WriteStreamResult = { acknowledged: [], failures: [], firstIndexAfter: -1, attempted: 0, slowestMs: 0 };
  let next = 0;
  let stop = false;
  const writer = (async () => {
    while (!stop) {
      const i = next++;
      const started = Date.now();
      try {
        await write(i);
        result.acknowledged.push(i);
      } catch (error) {
        result.failures.push(error);
      }
      result.slowestMs = Math.max(result.slowestMs, Date.now() - started);
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, options.leadMs));
  await during();
  result.firstIndexAfter = next;
  const deadline = Date.now() + options.maxTailMs;
  const recovered = (): boolean => result.acknowledged.filter((i) => i >= result.firstIndexAfter).length >= options.acksAfter;
  while (!recovered() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  stop = true;
  await writer;
  result.attempted = next;
  return result;
}

/** Every failure is one of ours and says "try again". */
export function allRetriable(failures: readonly unknown[]): boolean {
  return failures.every((error) => isDmsError(error) && error.retriable);
}
