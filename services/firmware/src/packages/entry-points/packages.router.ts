import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { packageView, type PackageRepository } from '../data-access/package.repository';
import type { KeyRegistry } from '../domain/key-registry.service';
import type { PackageRegistry, PackageUpload } from '../domain/package-registry.service';
import { EmptyPackageError, PackageNotFoundError, UnsupportedMediaTypeError } from '../domain/packages.errors';
import { CatalogName, FirmwareVersion, KeyId, PackageId, parse } from './request-parsing';

export const FIRMWARE_API_BASE = '/api/v1/firmware';
const PACKAGE_MEDIA_TYPE = 'application/octet-stream';

const NewKey = z.object({ manufacturer: CatalogName, publicKeyPem: z.string().min(1).max(16_384) }).strict();
const KeysQuery = z.object({ manufacturer: CatalogName.optional() });
const PackagesQuery = z.object({ manufacturer: CatalogName.optional(), model: CatalogName.optional() });
/** The package bytes are the body, so what describes them rides in the query string. */
const UploadQuery = z.object({
  manufacturer: CatalogName,
  model: CatalogName,
  version: FirmwareVersion,
  fromVersions: z
    .string()
    .max(10_000)
    .optional()
    .transform((list) => [...new Set((list ?? '').split(',').map((v) => v.trim()).filter((v) => v !== ''))])
    .pipe(z.array(FirmwareVersion).max(100)),
  keyId: KeyId,
  signature: z.string().min(1).max(2000),
});

export interface PackagesRouterDeps {
  keys: KeyRegistry;
  registry: PackageRegistry;
  packages: PackageRepository;
  maxPackageBytes: number;
  /** Guards every route when given; otherwise the caller mounts the router behind its own bearer auth. */
  auth?: RequestHandler;
}

/** Admin API of the package registry under /api/v1/firmware (keys and packages). */
export function createPackagesRouter(deps: PackagesRouterDeps): Router {
  const api = Router();
  if (deps.auth !== undefined) api.use(deps.auth);

  api.post('/keys', express.json({ limit: '64kb' }), async (req, res) => {
    const body = parse(NewKey, req.body, 'key');
    const { key, created } = await deps.keys.register(body.manufacturer, body.publicKeyPem);
    res.status(created ? 201 : 200).location(`${FIRMWARE_API_BASE}/keys/${key.keyId}`).json(key);
  });
  api.get('/keys', async (req, res) => {
    res.json({ items: await deps.keys.list(parse(KeysQuery, req.query, 'query').manufacturer) });
  });
  api.delete('/keys/:keyId', async (req, res) => {
    res.json(await deps.keys.revoke(parse(KeyId, req.params['keyId'], 'keyId')));
  });

  // The query is checked before the body is read: a bad request does not upload 64 MiB first.
  const uploadQuery: RequestHandler = (req, res, next) => {
    res.locals['upload'] = parse(UploadQuery, req.query, 'query');
    if (!req.is(PACKAGE_MEDIA_TYPE)) throw req.headers['content-length'] === '0' ? new EmptyPackageError() : new UnsupportedMediaTypeError();
    next();
  };
  api.post('/packages', uploadQuery, express.raw({ type: PACKAGE_MEDIA_TYPE, limit: deps.maxPackageBytes }), async (req, res) => {
    const bytes: unknown = req.body;
    const upload: PackageUpload = {
      ...(res.locals['upload'] as z.output<typeof UploadQuery>),
      bytes: Buffer.isBuffer(bytes) ? bytes : Buffer.alloc(0),
    };
    const { package: pkg, created } = await deps.registry.register(upload);
    res.status(created ? 201 : 200).location(`${FIRMWARE_API_BASE}/packages/${pkg.packageId}`).json(pkg);
  });
  api.get('/packages', async (req, res) => {
    res.json({ items: (await deps.packages.list(parse(PackagesQuery, req.query, 'query'))).map(packageView) });
  });
  api.get('/packages/:packageId', async (req, res) => {
    const packageId = req.params['packageId'] ?? '';
    const record = PackageId.safeParse(packageId).success ? await deps.packages.get(packageId) : undefined;
    if (record === undefined) throw new PackageNotFoundError(packageId);
    res.json(packageView(record));
  });

  const router = Router();
  router.use(FIRMWARE_API_BASE, api);
  return router;
}
