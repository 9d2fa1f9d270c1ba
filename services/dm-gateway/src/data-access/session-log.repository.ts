import type { SessionCompleted } from '@dms/contracts';
import type { DocumentCollection, DocumentStore } from '@dms/store';

interface SessionLogDocument extends SessionCompleted {
  _id: string;
}

/** The session log (collection `dm_sessions`): one document per ended session, for GET /devices/{id}/sessions. */
export class SessionLogRepository {
  private readonly collection: DocumentCollection<SessionLogDocument>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<SessionLogDocument>('dm_sessions');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.ensureIndex({ fields: { deviceId: 1, endedAt: -1 }, name: 'by-device' });
  }

  async append(token: string, entry: SessionCompleted): Promise<void> {
    await this.collection.put({ _id: token, ...entry });
  }

  async forDevice(deviceId: string, limit: number): Promise<SessionCompleted[]> {
    const docs = await this.collection.find({ deviceId }, { sort: { endedAt: -1 }, limit });
    return docs.map(({ _id: _token, ...entry }) => entry);
  }
}
