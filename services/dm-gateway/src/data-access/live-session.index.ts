import type { DocumentCollection, DocumentStore } from '@dms/store';
import { decodeSessionState, encodeSessionState, type SessionState } from '../domain/session-state';

export interface LiveSessionDocument {
  /** The session token. */
  readonly _id: string;
  /** Epoch ms from which the sweep looks at the session again (its expiry as last known). */
  readonly deadline: number;
  /**
   * The state as the session started (encoded: it holds nested arrays, which FerretDB does
   * not store): what is reported if even the grace copy is gone.
   */
  readonly first: string;
}

export interface LiveSession {
  readonly token: string;
  readonly deadline: number;
  readonly first: SessionState;
}

/**
 * The sessions that have started and not ended (collection `dm_live_sessions`): session
 * state lives in the KeyValueStore, which cannot be listed, so a session that ends silently
 * (TTL, abandoned after failed authentication) is found here by its deadline. Written at the
 * start and at the end of a session only, never per message.
 */
export class LiveSessionIndex {
  private readonly collection: DocumentCollection<LiveSessionDocument>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<LiveSessionDocument>('dm_live_sessions');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.ensureIndex({ fields: { deadline: 1 }, name: 'by-deadline' });
  }

  async add(token: string, first: SessionState, deadline: number): Promise<void> {
    await this.collection.put({ _id: token, deadline, first: encodeSessionState(first) });
  }

  async remove(token: string): Promise<void> {
    await this.collection.delete(token);
  }

  async due(now: number, limit: number): Promise<LiveSession[]> {
    const docs = await this.collection.find({ deadline: { $lte: now } }, { sort: { deadline: 1 }, limit });
    return docs.map((doc) => ({ token: doc._id, deadline: doc.deadline, first: decodeSessionState(doc.first) }));
  }

  async postpone(token: string, deadline: number): Promise<void> {
    await this.collection.update(token, { $set: { deadline } });
  }
}
