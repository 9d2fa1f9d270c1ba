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

  /**
   * Sets the given fields (undefined = remove) and nothing else, in one update: the report
   * and completion subscriptions write one device concurrently, and a read-modify-write
   * here once put a stale `pending` back over `applied`. Created with defaults when missing.
   */
  async patch(deviceId: string, change: Partial<Omit<DeviceRecord, '_id'>>): Promise<void> {
    const updatedAt = new Date().toISOString();
    const $set: Record<string, unknown> = { updatedAt };
    const $unset: string[] = [];
    for (const [field, value] of Object.entries(change)) {
      if (field === 'updatedAt') continue;
      if (value === undefined) $unset.push(field);
      else $set[field] = value;
    }
    const update = $unset.length > 0 ? { $set, $unset } : { $set };
    if (await this.collection.update(deviceId, update)) return;
    const created = { settings: [], applied: [], state: 'pending', ...$set, updatedAt, _id: deviceId } as DeviceRecord;
    if (await this.collection.insert(created)) return;
    // Created by another writer in between: apply the change to theirs.
    await this.collection.update(deviceId, update);
  }
}
