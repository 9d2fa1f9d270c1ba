import type { Logger } from '@dms/service-kit';
import type { DocumentCollection } from '@dms/store';
import type { StoredStateTransition, StoredSubscriberState } from './stored-subscriber-state';

export interface TransitionPrunerOptions {
  /** A transition is kept at least this long after it was written (at least twice the cache TTL). */
  retainMs: number;
  /** Transitions examined per round trip. */
  pageSize?: number;
  now?: () => Date;
  logger: Logger;
}

export interface PruneResult {
  /** Transitions older than the retention. */
  examined: number;
  /** Of those, the ones behind their subscriber's head, deleted. */
  deleted: number;
}

/**
 * Deletes state transitions no read and no write needs any more. A read starts at the head
 * and follows the transitions from its version, so a transition to a state older than the
 * head's is never read again. A write inserts the transition from the version it was
 * decided on, and the insert failing on an existing `_id` is what stops a writer with a
 * stale version; such a version lives in the state cache for at most its TTL after its
 * successor was written (nothing caches a version once it has a successor, except reads
 * that were already under way), so a transition older than `retainMs` (at least twice the
 * cache TTL) cannot be needed by a writer either. The transition into the head stays (its
 * state is the head's, not older), and so does everything ahead of a head that lags.
 * Runs in pages: one find, one head lookup and one delete per page.
 */
export class TransitionPruner {
  private readonly pageSize: number;
  private readonly now: () => Date;

  constructor(
    private readonly transitions: DocumentCollection<StoredStateTransition>,
    private readonly heads: DocumentCollection<StoredSubscriberState>,
    private readonly options: TransitionPrunerOptions,
  ) {
    this.pageSize = options.pageSize ?? 1000;
    this.now = options.now ?? (() => new Date());
  }

  async pruneOnce(): Promise<PruneResult> {
    const cutoff = new Date(this.now().getTime() - this.options.retainMs).toISOString();
    const result: PruneResult = { examined: 0, deleted: 0 };
    let page: StoredStateTransition[] = [];
    for await (const transition of this.transitions.iterate(
      { updatedAt: { $lt: cutoff } },
      { batchSize: this.pageSize },
    )) {
      page.push(transition);
      if (page.length >= this.pageSize) {
        await this.prunePage(page, result);
        page = [];
      }
    }
    if (page.length > 0) await this.prunePage(page, result);
    if (result.deleted > 0)
      this.options.logger.info({ ...result, cutoff }, 'state transitions behind their heads pruned');
    return result;
  }

  private async prunePage(page: readonly StoredStateTransition[], result: PruneResult): Promise<void> {
    result.examined += page.length;
    const msisdns = [...new Set(page.map((t) => t.msisdn))];
    const heads = new Map((await this.heads.find({ _id: { $in: msisdns } })).map((h) => [h._id, h]));
    const behind = page.filter((t) => {
      const head = heads.get(t.msisdn);
      return head !== undefined && t.observedAtMs < head.observedAtMs;
    });
    if (behind.length === 0) return;
    result.deleted += await this.transitions.deleteMany({ _id: { $in: behind.map((t) => t._id) } });
  }
}
