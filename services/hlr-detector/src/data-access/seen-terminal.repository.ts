import type { Document, DocumentCollection, DocumentStore } from '@dms/store';
import type { SeenTerminals } from '../domain/detection.ports';
import { handsetKeyOf } from '../domain/imei';

/** One document per handset ever seen, `_id` = 14-digit IMEI, in collection `seen_terminals`. */
interface StoredSeenTerminal extends Document {
  firstMsisdn: string;
  firstObservedAt: string;
}

export const SEEN_TERMINALS_COLLECTION = 'seen_terminals';

/**
 * "Has this handset ever been seen?" is asked once per detection, never per repeat. A
 * yes never turns into a no, so positive answers are remembered in process (bounded).
 */
export class SeenTerminalRepository implements SeenTerminals {
  private readonly collection: DocumentCollection<StoredSeenTerminal>;
  private readonly known = new Set<string>();

  constructor(
    store: DocumentStore,
    private readonly maxRemembered = 100_000,
  ) {
    this.collection = store.collection<StoredSeenTerminal>(SEEN_TERMINALS_COLLECTION);
  }

  async hasBeenSeen(imei: string): Promise<boolean> {
    const key = handsetKeyOf(imei);
    if (this.known.has(key)) return true;
    const seen = (await this.collection.get(key)) !== null;
    if (seen) this.remember(key);
    return seen;
  }

  async markSeen(imei: string, msisdn: string, observedAt: string): Promise<void> {
    const key = handsetKeyOf(imei);
    if (this.known.has(key)) return;
    // insert() answers false when the handset is already there: the first sighting stays recorded.
    await this.collection.insert({ _id: key, firstMsisdn: msisdn, firstObservedAt: observedAt });
    this.remember(key);
  }

  private remember(key: string): void {
    if (this.known.size >= this.maxRemembered) this.known.clear();
    this.known.add(key);
  }
}
