import type { DocumentCollection, DocumentStore, Filter } from '@dms/store';
import { catalogKey, type ManufacturerKeyType, type ManufacturerKeyView } from '../package.model';

export interface ManufacturerKeyRecord {
  _id: string;
  manufacturer: string;
  manufacturerKey: string;
  type: ManufacturerKeyType;
  publicKeyPem: string;
  addedAt: string;
  revokedAt?: string;
}

export function keyView(record: ManufacturerKeyRecord): ManufacturerKeyView {
  return {
    keyId: record._id,
    manufacturer: record.manufacturer,
    type: record.type,
    addedAt: record.addedAt,
    ...(record.revokedAt === undefined ? {} : { revokedAt: record.revokedAt }),
  };
}

/** Manufacturer public keys (`firmware_keys`, `_id` = keyId); revoked keys stay, with revokedAt. */
export class KeyRepository {
  private readonly collection: DocumentCollection<ManufacturerKeyRecord>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<ManufacturerKeyRecord>('firmware_keys');
  }

  ensureIndexes(): Promise<void> {
    return this.collection.ensureIndex({ fields: { manufacturerKey: 1, addedAt: 1 } });
  }

  async get(keyId: string): Promise<ManufacturerKeyRecord | undefined> {
    return (await this.collection.get(keyId)) ?? undefined;
  }

  /** False when the keyId exists (the same key was registered before). */
  insert(record: ManufacturerKeyRecord): Promise<boolean> {
    return this.collection.insert(record);
  }

  /** Sets revokedAt once; a second revocation keeps the first date. */
  async revoke(keyId: string, at: string): Promise<void> {
    await this.collection.update(keyId, { $set: { revokedAt: at } }, { where: { revokedAt: { $exists: false } } });
  }

  list(manufacturer?: string): Promise<ManufacturerKeyRecord[]> {
    const filter: Filter = manufacturer === undefined ? {} : { manufacturerKey: catalogKey(manufacturer) };
    return this.collection.find(filter, { sort: { addedAt: 1 }, limit: 1000 });
  }
}
