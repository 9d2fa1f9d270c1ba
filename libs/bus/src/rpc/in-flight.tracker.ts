/**
 * Counts work that close() must wait for (handlers still answering, calls still
 * awaiting their reply). A drain waits for what is in flight at that moment and
 * for anything that started meanwhile, so a late handler is not cut off.
 */
export class InFlightTracker {
  private readonly pending = new Set<Promise<unknown>>();

  get size(): number {
    return this.pending.size;
  }

  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
    return work;
  }

  async drained(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }
}

/** Waits for `work` at most `ms`; true if it settled (either way) in time. Never rejects. */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = work.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, expired]);
  } finally {
    clearTimeout(timer);
  }
}
