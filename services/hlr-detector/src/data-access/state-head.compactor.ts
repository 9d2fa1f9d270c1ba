import type { Logger } from '@dms/service-kit';
import type { DocumentCollection } from '@dms/store';
import type { KnownState } from '../domain/detection.ports';
import { storedFromState, type StoredSubscriberState } from './stored-subscriber-state';

/**
 * Moves subscribers' heads forward to a state found by following transitions, so the next
 * read from the store takes fewer hops. Off the detection path (an update by `_id` costs
 * 10-15 ms on FerretDB 1.24, an insert a fraction of one), never blocking: a head is only a
 * shortcut, every transition stays, so a head that lags, regresses (two processes racing on
 * FerretDB's read-modify-write) or is never written still leads to the newest state.
 */
export class StateHeadCompactor {
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly heads: DocumentCollection<StoredSubscriberState>,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  advance(states: readonly KnownState[]): void {
    if (states.length === 0) return;
    const work = Promise.all(states.map((known) => this.advanceOne(known)))
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.debug(
          { err: error },
          'state heads not advanced; the transitions still lead to the newest state',
        ),
      );
    this.running.add(work);
    void work.finally(() => this.running.delete(work));
  }

  /** Resolves once the heads under way are written (tests, orderly shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private async advanceOne(known: KnownState): Promise<void> {
    const { _id, imeisv, ...fields } = storedFromState(known.state, this.now());
    const update =
      imeisv === undefined ? { $set: fields, $unset: ['imeisv'] } : { $set: { ...fields, imeisv } };
    // Forward only: never over a newer head.
    await this.heads.update(_id, update, { where: { observedAtMs: { $lt: known.versionMs } }, upsert: true });
  }
}
