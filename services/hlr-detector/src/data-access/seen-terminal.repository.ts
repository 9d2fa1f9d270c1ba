import type { Document, DocumentCollection, DocumentStore } from '@dms/store';
import type { SeenTerminals } from '../domain/detection.ports';
import { handsetKeyOf } from '../domain/imei';

/** One document per handset ever seen, `_id` = 14-digit IMEI, with the sighting that introduced it. */
interface StoredSeenTerminal extends Document {
  firstMsisdn: string;
  firstObservedAt: string;
}

export const SEEN_TERMINALS_COLLECTION = 'seen_terminals';

/**
 * "Is this handset new?" is asked once per detection, never per repeat, and answered by
 * claiming the handset: the insert succeeds for the first sighting only. The claim records
 * which sighting made it, so the same observation redelivered after a crash is still
 * answered "new" (and its re-announcement carries the same payload), while any other is
 * not. Handsets known to be claimed are remembered in process (bounded).
 */
export class SeenTerminalRepository implements SeenTerminals {
  private readonly collection: DocumentCollection<StoredSeenTerminal>;
  private readonly claimed = new Set<string>();

  constructor(
    store: DocumentStore,
    private readonly maxRemembered = 100_000,
  ) {
    this.collection = store.collection<StoredSeenTerminal>(SEEN_TERMINALS_COLLECTION);
  }

  async claimFirstSighting(imei: string, msisdn: string, observedAt: string): Promise<boolean> {
    const key = handsetKeyOf(imei);
    if (this.claimed.has(key)) return false;
    if (await this.collection.insert({ _id: key, firstMsisdn: msisdn, firstObservedAt: observedAt }))
      return true;
    const first = await this.collection.get(key);
    if (first !== null && first.firstMsisdn === msisdn && first.firstObservedAt === observedAt) return true;
    this.remember(key);
    return false;
  }

  private remember(key: string): void {
    if (this.claimed.size >= this.maxRemembered) this.claimed.clear();
    this.claimed.add(key);
  }
}
