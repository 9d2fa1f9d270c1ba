import type { Document, DocumentCollection, DocumentStore } from '@dms/store';
import type { SeenTerminals, Sighting } from '../domain/detection.ports';
import { handsetKeyOf } from '../domain/imei';
import { GroupedInserts } from './grouped-inserts';

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
  private readonly inserts: GroupedInserts<StoredSeenTerminal>;

  constructor(
    store: DocumentStore,
    private readonly maxRemembered = 100_000,
  ) {
    this.collection = store.collection<StoredSeenTerminal>(SEEN_TERMINALS_COLLECTION);
    this.inserts = new GroupedInserts(this.collection);
  }

  async claimFirstSighting(imei: string, msisdn: string, observedAt: string): Promise<boolean> {
    const [claimed] = await this.claimMany([{ imei, msisdn, observedAt }]);
    return claimed === true;
  }

  /** Within the batch the first sighting of a handset is the only candidate; the others are not new. */
  async claimMany(sightings: readonly Sighting[]): Promise<boolean[]> {
    const result = sightings.map(() => false);
    const candidates = new Map<string, number>();
    sightings.forEach((sighting, i) => {
      const key = handsetKeyOf(sighting.imei);
      if (!this.claimed.has(key) && !candidates.has(key)) candidates.set(key, i);
    });
    if (candidates.size === 0) return result;
    const entries = [...candidates];
    const inserted = await this.inserts.insertMany(
      entries.map(([key, i]) => ({
        _id: key,
        firstMsisdn: sightings[i]!.msisdn,
        firstObservedAt: sightings[i]!.observedAt,
      })),
    );
    const taken = entries.filter(([, i], j) => {
      if (inserted[j]) result[i] = true;
      return !inserted[j];
    });
    if (taken.length === 0) return result;
    // Taken: still ours if the claim records this very sighting (a redelivery after a crash).
    const firsts = new Map(
      (await this.collection.find({ _id: { $in: taken.map(([key]) => key) } })).map((doc) => [doc._id, doc]),
    );
    for (const [key, i] of taken) {
      const first = firsts.get(key);
      const sighting = sightings[i]!;
      if (
        first !== undefined &&
        first.firstMsisdn === sighting.msisdn &&
        first.firstObservedAt === sighting.observedAt
      )
        result[i] = true;
      else this.remember(key);
    }
    return result;
  }

  private remember(key: string): void {
    if (this.claimed.size >= this.maxRemembered) this.claimed.clear();
    this.claimed.add(key);
  }
}
