import { createHash } from 'node:crypto';
import type { Logger } from '@dms/service-kit';
import type { PackageChunkStore } from '../data-access/package-chunk.store';
import { packageView, type PackageRecord, type PackageRepository } from '../data-access/package.repository';
import type { UploadClaims } from '../data-access/upload-claim.repository';
import { catalogKey, type FirmwarePackage } from '../package.model';
import type { KeyRegistry } from './key-registry.service';
import { decodeSignature, verifyPackageSignature } from './package-signature';
import { EmptyPackageError, PackageConflictError, PackageTooLargeError, PackageUploadInProgressError } from './packages.errors';

export interface PackageUpload {
  manufacturer: string;
  model: string;
  version: string;
  fromVersions: string[];
  keyId: string;
  /** base64 or base64url */
  signature: string;
  bytes: Buffer;
}

/** One id per manufacturer, model and version (manufacturer and model case-insensitive, like the catalog). */
export function packageIdOf(manufacturer: string, model: string, version: string): string {
  const digest = createHash('sha256').update(`${catalogKey(manufacturer)}|${catalogKey(model)}|${version}`).digest('hex');
  return `fw-${digest.slice(0, 24)}`;
}

export interface PackageRegistryDeps {
  keys: KeyRegistry;
  packages: PackageRepository;
  chunks: PackageChunkStore;
  claims: UploadClaims;
  maxPackageBytes: number;
  clock: () => number;
  logger: Logger;
}

/** Accepts a package only when its manufacturer's key verifies its signature; stores chunks first, then the document. */
export class PackageRegistry {
  constructor(private readonly deps: PackageRegistryDeps) {}

  async register(upload: PackageUpload): Promise<{ package: FirmwarePackage; created: boolean }> {
    const { bytes } = upload;
    if (bytes.length === 0) throw new EmptyPackageError();
    if (bytes.length > this.deps.maxPackageBytes) throw new PackageTooLargeError(bytes.length, this.deps.maxPackageBytes);
    const key = await this.deps.keys.signingKey(upload.keyId, upload.manufacturer);
    verifyPackageSignature(key.type, key.publicKeyPem, key._id, bytes, decodeSignature(upload.signature));
    const packageId = packageIdOf(upload.manufacturer, upload.model, upload.version);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = await this.existing(packageId, sha256);
    if (existing !== undefined) return { package: existing, created: false };
    if (!(await this.deps.claims.claim(packageId, sha256, this.deps.clock()))) throw new PackageUploadInProgressError(packageId);
    try {
      // Looked up again under the claim: an upload that finished meanwhile released its claim after its document.
      const finished = await this.existing(packageId, sha256);
      if (finished !== undefined) return { package: finished, created: false };
      const record: PackageRecord = {
        _id: packageId,
        manufacturer: upload.manufacturer,
        manufacturerKey: catalogKey(upload.manufacturer),
        model: upload.model,
        modelKey: catalogKey(upload.model),
        version: upload.version,
        fromVersions: upload.fromVersions,
        size: bytes.length,
        sha256,
        keyId: key._id,
        signature: upload.signature.replace(/ /g, '+').trim(),
        chunkBytes: this.deps.chunks.chunkBytes,
        chunkCount: await this.deps.chunks.write(packageId, bytes),
        registeredAt: new Date(this.deps.clock()).toISOString(),
      };
      if (!(await this.deps.packages.insert(record)))
        return { package: (await this.existing(packageId, sha256)) ?? packageView(record), created: false };
      this.deps.logger.info(
        { packageId, manufacturer: record.manufacturer, model: record.model, version: record.version, keyId: key._id, size: record.size },
        'firmware package registered',
      );
      return { package: packageView(record), created: true };
    } finally {
      await this.deps.claims.release(packageId, sha256);
    }
  }

  /** The registered package with these bytes, undefined if none, 409 if it has other bytes. */
  private async existing(packageId: string, sha256: string): Promise<FirmwarePackage | undefined> {
    const record = await this.deps.packages.get(packageId);
    if (record === undefined) return undefined;
    if (record.sha256 !== sha256) throw new PackageConflictError(packageId, record.sha256);
    return packageView(record);
  }
}
