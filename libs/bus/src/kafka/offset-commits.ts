import type { BusLogger } from '../bus-logger';
import { messageOf } from '../bus.errors';

type Commit = (offsets: ReadonlyArray<{ partition: number; offset: string }>) => Promise<void>;

/**
 * Offset commits of one consumer, coalesced: one commit request is in flight at a time and
 * carries, per partition, the newest offset asked for meanwhile. A failed commit (a
 * rebalance under way, a broker restarting) is logged and its offsets go out again with the
 * next request, or after `retryMs` when none comes; losing one only means a redelivery of
 * events whose effects were idempotent anyway.
 */
export class OffsetCommits {
  private readonly wanted = new Map<number, string>();
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly commit: Commit,
    private readonly logger: BusLogger,
    private readonly log: { group: string; topic: string },
    private readonly retryMs = 1000,
  ) {}

  /** Asks to commit `offset` (the next to read) for `partition`; a later request for it supersedes this one. */
  request(partition: number, offset: string): void {
    this.wanted.set(partition, offset);
    this.flushing ??= this.flush();
  }

  /** Drops what is not committed yet (a new group generation re-reads from the committed offsets). */
  clear(): void {
    this.wanted.clear();
  }

  /** Resolves once every requested offset was committed, or its last attempt failed. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.wanted.size > 0) await (this.flushing = this.flush());
  }

  private async flush(): Promise<void> {
    try {
      while (this.wanted.size > 0) {
        const offsets = [...this.wanted].map(([partition, offset]) => ({ partition, offset }));
        this.wanted.clear();
        try {
          await this.commit(offsets);
        } catch (error) {
          this.logger.warn(
            { ...this.log, offsets, err: messageOf(error) },
            'offset commit failed; the next commit carries these offsets',
          );
          for (const { partition, offset } of offsets)
            if (!this.wanted.has(partition)) this.wanted.set(partition, offset);
          setTimeout(() => {
            if (this.wanted.size > 0) this.flushing ??= this.flush();
          }, this.retryMs).unref();
          return;
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }
}
