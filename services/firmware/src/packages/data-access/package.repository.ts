import type { DocumentCollection, DocumentStore } from '@dms/store';
import { catalogKey, type FirmwarePackage } from '../package.model';

export interface PackageRecord extends Omit<FirmwarePackage, 'packageId'> {
  _id: string;
  manufacturerKey: string;
  modelKey: string;
  /** Base64 as received, kept so the package can be verified again later. */
  signature: string;
  chunkBytes: number;
  chunkCount: number;
}

export function packageView(record: PackageRecord): FirmwarePackage {
  return {
    packageId: record._id,
    manufacturer: record.manufacturer,
    model: record.model,
    version: record.version,
    fromVersions: record.fromVersions,
    size: record.size,
    sha256: record.sha256,
    keyId: record.keyId,
    registeredAt: record.registeredAt,
  };
}

/** Package documents (`firmware_packages`, `_id` = packageId); written only once every chunk is stored. */
export class PackageRepository {
  private readonly collection: DocumentCollection<PackageRecord>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<PackageRecord>('firmware_packages');
  }

  ensureIndexes(): Promise<void> {
    return this.collection.ensureIndex({ fields: { manufacturerKey: 1, modelKey: 1, registeredAt: -1 } });
  }

  async get(packageId: string): Promise<PackageRecord | undefined> {
    return (await this.collection.get(packageId)) ?? undefined;
  }

  /** False when the packageId exists. */
  insert(record: PackageRecord): Promise<boolean> {
    return this.collection.insert(record);
  }

  /** Newest registration first; manufacturer and model case-insensitive. */
  list(criteria: { manufacturer?: string; model?: string }): Promise<PackageRecord[]> {
    return this.collection.find(
      {
        ...(criteria.manufacturer === undefined ? {} : { manufacturerKey: catalogKey(criteria.manufacturer) }),
        ...(criteria.model === undefined ? {} : { modelKey: catalogKey(criteria.model) }),
      },
      { sort: { registeredAt: -1 }, limit: 1000 },
    );
  }
}
