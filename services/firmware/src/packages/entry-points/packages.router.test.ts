import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { packageIdOf } from '../domain/package-registry.service';
import { generateTestKey, startPackages, type PackagesHarness, type TestKeyType } from '../test-support/packages.harness';

const query = (keyId: string, signature: string, extra: Record<string, string> = {}): Record<string, string> => ({
  manufacturer: 'Acme',
  model: 'AcmePhone 1',
  version: '2.0.1',
  keyId,
  signature,
  ...extra,
});

describe('firmware package registry REST API', () => {
  let h: PackagesHarness;
  beforeEach(async () => {
    h = await startPackages({ maxPackageBytes: 1024 * 1024 });
  });
  afterEach(async () => h.close());

  async function nothingStored(): Promise<void> {
    expect([await h.count('firmware_packages'), await h.count('firmware_package_chunks')]).toEqual([0, 0]);
  }

  it.each(['ed25519', 'ecdsa-p256', 'rsa'] as const)('registers a package signed with an %s key and serves its view', async (type: TestKeyType) => {
    const key = await h.registerKey('Acme', type);
    const bytes = randomBytes(5000);
    const res = await h.upload(query(key.keyId, key.sign(bytes), { fromVersions: '1.0,1.1, 1.0' }), bytes);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      packageId: packageIdOf('Acme', 'AcmePhone 1', '2.0.1'),
      manufacturer: 'Acme',
      model: 'AcmePhone 1',
      version: '2.0.1',
      fromVersions: ['1.0', '1.1'],
      size: 5000,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      keyId: key.keyId,
      registeredAt: expect.any(String),
    });
    expect((await h.api('GET', `/api/v1/firmware/packages/${res.body.packageId}`)).body).toEqual(res.body);
    expect(await h.packages.catalog.forModel('ACME', 'acmephone 1')).toEqual([res.body]);
  });

  it('accepts a standard base64 signature (with + and /) as well as base64url', async () => {
    const key = await h.registerKey('Acme', 'ecdsa-p256');
    const bytes = randomBytes(100);
    const signature = Buffer.from(key.sign(bytes), 'base64url').toString('base64');
    expect((await h.upload(query(key.keyId, signature), bytes)).status).toBe(201);
  });

  it('lists keys without the public key, revokes a key (kept with revokedAt), and refuses packages signed with it', async () => {
    const key = await h.registerKey('Acme', 'ed25519');
    await h.registerKey('Zeta', 'rsa');
    const list = await h.api('GET', '/api/v1/firmware/keys?manufacturer=acme');
    expect(list.body.items).toEqual([{ keyId: key.keyId, manufacturer: 'Acme', type: 'ed25519', addedAt: expect.any(String) }]);
    expect(JSON.stringify((await h.api('GET', '/api/v1/firmware/keys')).body)).not.toContain('BEGIN');
    const revoked = await h.api('DELETE', `/api/v1/firmware/keys/${key.keyId}`);
    expect([revoked.status, revoked.body.revokedAt]).toEqual([200, expect.any(String)]);
    expect((await h.api('DELETE', `/api/v1/firmware/keys/${key.keyId}`)).body.revokedAt).toBe(revoked.body.revokedAt);
    const bytes = randomBytes(64);
    const refused = await h.upload(query(key.keyId, key.sign(bytes)), bytes);
    expect([refused.status, refused.body.code]).toEqual([422, 'FIRMWARE_KEY_REVOKED']);
    const again = await h.api('POST', '/api/v1/firmware/keys', { manufacturer: 'Acme', publicKeyPem: key.publicKeyPem });
    expect([again.status, again.body.code]).toEqual([409, 'FIRMWARE_KEY_CONFLICT']);
    expect((await h.api('DELETE', '/api/v1/firmware/keys/0123456789abcdef')).status).toBe(404);
    await nothingStored();
  });

  it('registers the same key twice for its manufacturer idempotently, and refuses it for another', async () => {
    const key = await h.registerKey('Acme', 'ed25519');
    const same = await h.api('POST', '/api/v1/firmware/keys', { manufacturer: 'ACME', publicKeyPem: key.publicKeyPem });
    expect([same.status, same.body.keyId]).toEqual([200, key.keyId]);
    const other = await h.api('POST', '/api/v1/firmware/keys', { manufacturer: 'Zeta', publicKeyPem: key.publicKeyPem });
    expect([other.status, other.body.code]).toEqual([409, 'FIRMWARE_KEY_CONFLICT']);
  });

  it.each([
    ['RSA 1024', () => generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey],
    ['X25519', () => generateKeyPairSync('x25519').publicKey],
  ])('refuses an %s key with 422 problem+json naming the accepted types', async (_name, make) => {
    const res = await h.api('POST', '/api/v1/firmware/keys', { manufacturer: 'Acme', publicKeyPem: make().export({ type: 'spki', format: 'pem' }) });
    expect([res.status, res.type, res.body.code]).toEqual([422, expect.stringContaining('application/problem+json'), 'FIRMWARE_KEY_UNSUPPORTED']);
    expect(res.body.detail).toMatch(/Ed25519, ECDSA P-256, RSA >= 2048 bits/);
    expect((await h.api('GET', '/api/v1/firmware/keys')).body.items).toEqual([]);
  });

  describe('refuses a package with a 4xx problem and stores nothing', () => {
    it('a tampered byte', async () => {
      const key = await h.registerKey('Acme', 'ed25519');
      const bytes = randomBytes(300_000);
      const signature = key.sign(bytes);
      bytes[123_456] = bytes[123_456]! ^ 0x01;
      const res = await h.upload(query(key.keyId, signature), bytes);
      expect([res.status, res.body.code]).toEqual([422, 'FIRMWARE_SIGNATURE_INVALID']);
      await nothingStored();
    });

    it.each(['ed25519', 'ecdsa-p256', 'rsa'] as const)('an %s signature made by another key', async (type) => {
      const key = await h.registerKey('Acme', type);
      const bytes = randomBytes(1000);
      const res = await h.upload(query(key.keyId, generateTestKey(type).sign(bytes)), bytes);
      expect([res.status, res.body.code]).toEqual([422, 'FIRMWARE_SIGNATURE_INVALID']);
      await nothingStored();
    });

    it('a signature that is not even a signature', async () => {
      const key = await h.registerKey('Acme', 'ecdsa-p256');
      const bytes = randomBytes(10);
      expect((await h.upload(query(key.keyId, 'AAAA'), bytes)).body.code).toBe('FIRMWARE_SIGNATURE_INVALID');
      expect((await h.upload(query(key.keyId, 'not base64!'), bytes)).status).toBe(400);
      await nothingStored();
    });

    it("another manufacturer's key, and an unknown key", async () => {
      const zeta = await h.registerKey('Zeta', 'ed25519');
      const bytes = randomBytes(10);
      const mismatch = await h.upload(query(zeta.keyId, zeta.sign(bytes)), bytes);
      expect([mismatch.status, mismatch.body.code]).toEqual([422, 'FIRMWARE_KEY_MANUFACTURER_MISMATCH']);
      const unknown = await h.upload(query('0123456789abcdef', zeta.sign(bytes)), bytes);
      expect([unknown.status, unknown.body.code]).toEqual([422, 'FIRMWARE_KEY_UNKNOWN']);
      await nothingStored();
    });

    it('an empty body, a body over maxPackageBytes (413), another content type and a bad query', async () => {
      const key = await h.registerKey('Acme', 'ed25519');
      const empty = await h.upload(query(key.keyId, key.sign(Buffer.alloc(0))), Buffer.alloc(0));
      expect([empty.status, empty.body.code]).toEqual([400, 'FIRMWARE_PACKAGE_EMPTY']);
      const big = randomBytes(1024 * 1024 + 1);
      const tooBig = await h.upload(query(key.keyId, key.sign(big)), big);
      expect([tooBig.status, tooBig.type]).toEqual([413, expect.stringContaining('application/problem+json')]);
      const json = await h.upload(query(key.keyId, 'AAAA'), Buffer.from('{}'), 'application/json');
      expect([json.status, json.body.code]).toEqual([415, 'FIRMWARE_PACKAGE_MEDIA_TYPE']);
      const bytes = randomBytes(10);
      for (const extra of <Record<string, string>[]>[{ version: '' }, { model: 'a|b' }, { manufacturer: 'x'.repeat(101) }, { version: 'v\u00e9' }, { keyId: 'nothex' }]) {
        const res = await h.upload(query(key.keyId, key.sign(bytes), extra), bytes);
        expect([extra, res.status, res.body.code]).toEqual([extra, 400, 'FIRMWARE_INVALID_REQUEST']);
      }
      await nothingStored();
    });
  });

  it('answers the same bytes again with the existing package (200) and other bytes for the version with 409', async () => {
    const key = await h.registerKey('Acme', 'ed25519');
    const bytes = randomBytes(2000);
    const first = await h.upload(query(key.keyId, key.sign(bytes)), bytes);
    const again = await h.upload(query(key.keyId, key.sign(bytes), { manufacturer: 'ACME' }), bytes);
    expect([first.status, again.status, again.body]).toEqual([201, 200, first.body]);
    const other = randomBytes(2000);
    const conflict = await h.upload(query(key.keyId, key.sign(other)), other);
    expect([conflict.status, conflict.body.code, conflict.body.details.sha256]).toEqual([409, 'FIRMWARE_PACKAGE_CONFLICT', first.body.sha256]);
    expect([await h.count('firmware_packages'), await h.count('firmware_package_uploads')]).toEqual([1, 0]);
  });

  it('lists packages newest first by manufacturer and model (case-insensitive) and answers 404 for an unknown one', async () => {
    const key = await h.registerKey('Acme', 'rsa');
    for (const [model, version] of [['One', '1'], ['One', '2'], ['Two', '1']] as const) {
      const bytes = randomBytes(50);
      expect((await h.upload(query(key.keyId, key.sign(bytes), { model, version }), bytes)).status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const one = await h.api('GET', '/api/v1/firmware/packages?manufacturer=acme&model=ONE');
    expect(one.body.items.map((p: { version: string }) => p.version)).toEqual(['2', '1']);
    expect((await h.api('GET', '/api/v1/firmware/packages')).body.items).toHaveLength(3);
    const unknown = await h.api('GET', `/api/v1/firmware/packages/${packageIdOf('Acme', 'One', '3')}`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'FIRMWARE_PACKAGE_NOT_FOUND']);
    expect((await h.api('GET', '/api/v1/firmware/packages/nope')).status).toBe(404);
  });

  it('refuses every admin route without the bearer token', async () => {
    const res = await fetch(`${h.http.url}/api/v1/firmware/keys`);
    expect(res.status).toBe(401);
  });
});
