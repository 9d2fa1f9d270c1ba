import type { Logger } from '@dms/service-kit';
import type { DocumentStore } from '@dms/store';
import type { RequestHandler, Router } from 'express';
import { KeyRepository } from './data-access/key.repository';
import { PackageChunkStore } from './data-access/package-chunk.store';
import { PackageRepository, packageView } from './data-access/package.repository';
import { UploadClaims } from './data-access/upload-claim.repository';
import { DownloadTokens, downloadUrl } from './domain/download-token';
import { KeyRegistry } from './domain/key-registry.service';
import { PackageRegistry } from './domain/package-registry.service';
import { PackagesSettingsError } from './domain/packages.errors';
import { createDownloadRouter } from './entry-points/download.router';
import { createPackagesRouter } from './entry-points/packages.router';
import { catalogKey, type PackageCatalog } from './package.model';
import {
  DEFAULT_MAX_PACKAGE_BYTES,
  DEFAULT_TOKEN_TTL_MS,
  MIN_DOWNLOAD_SECRET_LENGTH,
  PACKAGE_CHUNK_BYTES,
  type PackagesSettings,
} from './packages.settings';

export * from './package.model';
export * from './packages.settings';
export * from './domain/packages.errors';
export { ACCEPTED_KEY_TYPES, keyIdOf, parsePublicKey } from './domain/manufacturer-key';
export { packageIdOf, type PackageUpload } from './domain/package-registry.service';
export { DOWNLOAD_PATH } from './entry-points/download.router';
export { FIRMWARE_API_BASE } from './entry-points/packages.router';

/** A crashed upload's claim blocks other bytes for the same package this long (same bytes retry at once). */
const UPLOAD_CLAIM_STALE_MS = 15 * 60 * 1000;

export interface PackagesDependencies {
  /** firmware's own DocumentStore (Mongo database or embedded SQLite file). */
  store: DocumentStore;
  logger: Logger;
  settings: Pick<PackagesSettings, 'publicBaseUrl' | 'downloadSecret'> & Partial<PackagesSettings>;
  /** Guards the admin router when given, e.g. `bearerAuth(config.adminToken)`; otherwise mount it behind one. */
  auth?: RequestHandler;
  /** Epoch milliseconds; tests pass a fixed clock. */
  clock?: () => number;
}

export interface Packages {
  /** Admin REST under /api/v1/firmware/{keys,packages}; mount before the problem handler. */
  readonly router: Router;
  /** Public GET/HEAD /fw/v1/packages/:packageId for handsets; answers its own problems (no token in logs). */
  readonly downloadRouter: Router;
  readonly catalog: PackageCatalog;
  ensureIndexes(): Promise<void>;
}

function checkedSettings(settings: PackagesDependencies['settings']): PackagesSettings {
  const resolved: PackagesSettings = {
    tokenTtlMs: DEFAULT_TOKEN_TTL_MS,
    maxPackageBytes: DEFAULT_MAX_PACKAGE_BYTES,
    ...settings,
    publicBaseUrl: settings.publicBaseUrl.replace(/\/+$/, ''),
  };
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(resolved.publicBaseUrl))
    throw new PackagesSettingsError(`publicBaseUrl must be an http(s) URL without query, got ${resolved.publicBaseUrl}`);
  if (resolved.downloadSecret.length < MIN_DOWNLOAD_SECRET_LENGTH)
    throw new PackagesSettingsError(`downloadSecret must have at least ${MIN_DOWNLOAD_SECRET_LENGTH} characters`);
  if (!Number.isInteger(resolved.tokenTtlMs) || resolved.tokenTtlMs < 1000) throw new PackagesSettingsError('tokenTtlMs must be an integer >= 1000');
  if (!Number.isInteger(resolved.maxPackageBytes) || resolved.maxPackageBytes < 1) throw new PackagesSettingsError('maxPackageBytes must be a positive integer');
  return resolved;
}

/** The signed firmware package registry and the handsets' download, on the caller's store. */
export function createPackages(deps: PackagesDependencies): Packages {
  const settings = checkedSettings(deps.settings);
  const clock = deps.clock ?? Date.now;
  const keyRepository = new KeyRepository(deps.store);
  const packages = new PackageRepository(deps.store);
  const chunks = new PackageChunkStore(deps.store, PACKAGE_CHUNK_BYTES);
  const keys = new KeyRegistry(keyRepository, clock);
  const registry = new PackageRegistry({
    keys,
    packages,
    chunks,
    claims: new UploadClaims(deps.store, UPLOAD_CLAIM_STALE_MS),
    maxPackageBytes: settings.maxPackageBytes,
    clock,
    logger: deps.logger,
  });
  const tokens = new DownloadTokens(settings.downloadSecret, settings.tokenTtlMs);
  const catalog: PackageCatalog = {
    async get(packageId) {
      const record = await packages.get(packageId);
      return record === undefined ? undefined : packageView(record);
    },
    async forModel(manufacturer, model) {
      return (await packages.list({ manufacturer: catalogKey(manufacturer), model: catalogKey(model) })).map(packageView);
    },
    downloadUrl(packageId, deviceId, now = clock()) {
      return downloadUrl(settings.publicBaseUrl, tokens.sign(packageId, deviceId, now));
    },
  };
  return {
    router: createPackagesRouter({ keys, registry, packages, maxPackageBytes: settings.maxPackageBytes, ...(deps.auth ? { auth: deps.auth } : {}) }),
    downloadRouter: createDownloadRouter({ packages, chunks, tokens, logger: deps.logger, clock }),
    catalog,
    async ensureIndexes() {
      await Promise.all([keyRepository.ensureIndexes(), packages.ensureIndexes()]);
    },
  };
}
