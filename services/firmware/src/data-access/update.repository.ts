import type { DocumentCollection, DocumentStore, Filter, Update } from '@dms/store';
import type { UpdateRecord } from '../domain/update.model';

/** Firmware updates (`firmware_updates`). State moves are conditional on the job in flight, so a redelivered answer changes nothing. */
export class UpdateRepository {
  private readonly collection: DocumentCollection<UpdateRecord>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<UpdateRecord>('firmware_updates');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.ensureIndex({ fields: { deviceId: 1, createdAt: -1 }, name: 'by_device' });
    await this.collection.ensureIndex({ fields: { state: 1, resultDueAt: 1 }, name: 'by_state_due' });
    await this.collection.ensureIndex({ fields: { rolloutId: 1, state: 1 }, name: 'by_rollout' });
  }

  async get(updateId: string): Promise<UpdateRecord | undefined> {
    return (await this.collection.get(updateId)) ?? undefined;
  }

  insert(record: UpdateRecord): Promise<boolean> {
    return this.collection.insert(record);
  }

  /** Applies `update` only while the record still waits on `jobId` in `state`. */
  move(updateId: string, from: { jobId: string; state: UpdateRecord['state'] }, update: Update): Promise<boolean> {
    return this.collection.update(updateId, update, { where: { jobId: from.jobId, state: from.state } });
  }

  forDevice(deviceId: string, limit = 50): Promise<UpdateRecord[]> {
    return this.collection.find({ deviceId }, { sort: { createdAt: -1 }, limit });
  }

  /** Accepted updates whose result alert is overdue. */
  overdue(nowIso: string, limit = 100): Promise<UpdateRecord[]> {
    return this.collection.find({ state: 'accepted', resultDueAt: { $lte: nowIso } }, { limit });
  }

  find(filter: Filter, limit = 100): Promise<UpdateRecord[]> {
    return this.collection.find(filter, { sort: { createdAt: -1 }, limit });
  }

  count(filter: Filter): Promise<number> {
    return this.collection.count(filter);
  }
}
