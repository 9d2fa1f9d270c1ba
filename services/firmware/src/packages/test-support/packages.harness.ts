import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { bearerAuth, createLogger, problemHandler, startHttpServer, type RunningHttpServer } from '@dms/service-kit';
import { createEmbeddedStore, type DocumentStore } from '@dms/store';
import express from 'express';
import { createPackages, type Packages, type PackagesSettings } from '../index';

export const ADMIN_TOKEN = 'admin-token-for-tests';
export const DOWNLOAD_SECRET = 'download-secret-for-tests-0123456789abcdef';

export type TestKeyType = 'ed25519' | 'ecdsa-p256' | 'rsa';

export interface TestKey {
  type: TestKeyType;
  publicKeyPem: string;
  privateKey: KeyObject;
  /** base64url signature over the bytes, as the manufacturer makes it. */
  sign(bytes: Buffer): string;
}

export function generateTestKey(type: TestKeyType): TestKey {
  const pair =
    type === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : type === 'ecdsa-p256'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    type,
    publicKeyPem: pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKey: pair.privateKey,
    sign: (bytes) => sign(type === 'ed25519' ? null : 'sha256', bytes, pair.privateKey).toString('base64url'),
  };
}

export interface ApiAnswer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- problem and view bodies read loosely in tests
  body: any;
  type: string;
}

export interface PackagesHarness {
  packages: Packages;
  store: DocumentStore;
  http: RunningHttpServer;
  /** Every log line written, to check that no token leaks. */
  logLines: string[];
  api(method: string, path: string, body?: unknown): Promise<ApiAnswer>;
  upload(query: Record<string, string>, bytes: Buffer | undefined, contentType?: string): Promise<ApiAnswer>;
  /** A registered key of this manufacturer, and a function that uploads a package signed with it. */
  registerKey(manufacturer: string, type: TestKeyType): Promise<TestKey & { keyId: string }>;
  count(collection: string): Promise<number>;
  close(): Promise<void>;
}

/** The registry's two routers on one express app on port 0, admin behind a bearer token, over an in-memory store. */
export async function startPackages(settings: Partial<PackagesSettings> = {}): Promise<PackagesHarness> {
  const store = createEmbeddedStore({ file: ':memory:' });
  const logLines: string[] = [];
  const logger = createLogger({ service: 'firmware', level: 'debug', destination: { write: (line: string) => logLines.push(line) } });
  const app = express();
  const http = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  const packages = createPackages({
    store,
    logger,
    settings: { publicBaseUrl: `${http.url}/`, downloadSecret: DOWNLOAD_SECRET, tokenTtlMs: 3_600_000, ...settings },
    auth: bearerAuth(ADMIN_TOKEN),
  });
  await packages.ensureIndexes();
  app.use(packages.downloadRouter);
  app.use(packages.router);
  app.use(problemHandler(logger));

  const answer = async (res: Response): Promise<ApiAnswer> => {
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text), type: res.headers.get('content-type') ?? '' };
  };
  const harness: PackagesHarness = {
    packages,
    store,
    http,
    logLines,
    async api(method, path, body) {
      const res = await fetch(`${http.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return answer(res);
    },
    async upload(query, bytes, contentType = 'application/octet-stream') {
      const res = await fetch(`${http.url}/api/v1/firmware/packages?${new URLSearchParams(query)}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': contentType },
        ...(bytes === undefined ? {} : { body: bytes }),
      });
      return answer(res);
    },
    async registerKey(manufacturer, type) {
      const key = generateTestKey(type);
      const res = await harness.api('POST', '/api/v1/firmware/keys', { manufacturer, publicKeyPem: key.publicKeyPem });
      expect([res.status, res.body.type]).toEqual([201, type]);
      return { ...key, keyId: res.body.keyId as string };
    },
    count: (collection) => store.collection(collection).count(),
    async close() {
      await http.close();
      await store.close();
    },
  };
  return harness;
}
