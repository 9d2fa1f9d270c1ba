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
