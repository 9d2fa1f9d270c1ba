import type { DocumentCollection, DocumentStore } from '@dms/store';

interface UploadClaim {
  /** packageId */
  _id: string;
  sha256: string;
  startedAt: number;
}

/**
 * Chunk ids are `<packageId>:<index>`, so two concurrent uploads of different bytes for one
 * package would write over each other's chunks. An upload first claims the packageId with its
 * sha256 in `firmware_package_uploads` (the insert is the atomic claim); uploads of the same
 * bytes share it (their chunks are identical). A claim left by a crash is taken over once
 * older than `staleMs`.
 */
export class UploadClaims {
  private readonly collection: DocumentCollection<UploadClaim>;

  constructor(
    store: DocumentStore,
    private readonly staleMs: number,
  ) {
    this.collection = store.collection<UploadClaim>('firmware_package_uploads');
  }

  async claim(packageId: string, sha256: string, now: number): Promise<boolean> {
    if (await this.collection.insert({ _id: packageId, sha256, startedAt: now })) return true;
    const current = await this.collection.get(packageId);
    if (current === null) return this.collection.insert({ _id: packageId, sha256, startedAt: now });
    if (current.sha256 === sha256) return true;
    if (now - current.startedAt < this.staleMs) return false;
    return this.collection.update(
      packageId,
      { $set: { sha256, startedAt: now } },
      { where: { sha256: current.sha256, startedAt: current.startedAt } },
    );
  }

  /** Drops the claim if it is still this upload's (bytes with this sha256). */
  async release(packageId: string, sha256: string): Promise<void> {
    await this.collection.deleteMany({ _id: packageId, sha256 });
  }
}
