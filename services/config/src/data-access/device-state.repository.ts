import type { DocumentCollection, DocumentStore } from '@dms/store';
import type { DeviceRecord } from '../domain/device-config.model';

/** Per-device config state (`config_devices`, id = DM device id). */
export class DeviceStateRepository {
  private readonly collection: DocumentCollection<DeviceRecord>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<DeviceRecord>('config_devices');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.ensureIndex({ fields: { state: 1, updatedAt: 1 }, name: 'by_state' });
  }

  async get(deviceId: string): Promise<DeviceRecord | undefined> {
    return (await this.collection.get(deviceId)) ?? undefined;
  }

  async put(record: DeviceRecord): Promise<void> {
    await this.collection.put(record);
  }

  /** Merges a change into the record (created when missing). */
  async patch(deviceId: string, change: Partial<Omit<DeviceRecord, '_id'>>): Promise<DeviceRecord> {
    const current = await this.get(deviceId);
    const next: DeviceRecord = {
      settings: [],
      applied: [],
      state: 'pending',
      ...current,
      ...change,
      _id: deviceId,
      updatedAt: new Date().toISOString(),
    };
    await this.collection.put(next);
    return next;
  }
}
