import { keyView, type KeyRepository, type ManufacturerKeyRecord } from '../data-access/key.repository';
import { catalogKey, type ManufacturerKeyView } from '../package.model';
import { parsePublicKey } from './manufacturer-key';
import { KeyConflictError, KeyNotFoundError, PackageKeyRefusedError } from './packages.errors';

/** Manufacturer signing keys: register (idempotent), revoke (final), list, and the check a package upload makes. */
export class KeyRegistry {
  constructor(
    private readonly keys: KeyRepository,
    private readonly clock: () => number,
  ) {}

  async register(manufacturer: string, publicKeyPem: string): Promise<{ key: ManufacturerKeyView; created: boolean }> {
    const parsed = parsePublicKey(publicKeyPem);
    const record: ManufacturerKeyRecord = {
      _id: parsed.keyId,
      manufacturer,
      manufacturerKey: catalogKey(manufacturer),
      type: parsed.type,
      publicKeyPem: parsed.publicKeyPem,
      addedAt: new Date(this.clock()).toISOString(),
    };
    if (await this.keys.insert(record)) return { key: keyView(record), created: true };
    const existing = await this.keys.get(parsed.keyId);
    if (existing === undefined) throw new KeyNotFoundError(parsed.keyId); // deleted under us: cannot happen through this API
    if (existing.manufacturerKey !== record.manufacturerKey)
      throw new KeyConflictError(parsed.keyId, `key ${parsed.keyId} is registered for another manufacturer`);
    if (existing.revokedAt !== undefined)
      throw new KeyConflictError(parsed.keyId, `key ${parsed.keyId} was revoked at ${existing.revokedAt}; revocation is final`);
    return { key: keyView(existing), created: false };
  }

  async revoke(keyId: string): Promise<ManufacturerKeyView> {
    if ((await this.keys.get(keyId)) === undefined) throw new KeyNotFoundError(keyId);
    await this.keys.revoke(keyId, new Date(this.clock()).toISOString());
    const revoked = await this.keys.get(keyId);
    if (revoked === undefined) throw new KeyNotFoundError(keyId);
    return keyView(revoked);
  }

  async list(manufacturer?: string): Promise<ManufacturerKeyView[]> {
    return (await this.keys.list(manufacturer)).map(keyView);
  }

  /** The key a package of `manufacturer` may be registered with, or the 422 saying why not. */
  async signingKey(keyId: string, manufacturer: string): Promise<ManufacturerKeyRecord> {
    const key = await this.keys.get(keyId);
    if (key === undefined) throw new PackageKeyRefusedError('FIRMWARE_KEY_UNKNOWN', `no manufacturer key ${keyId}`, keyId);
    if (key.revokedAt !== undefined)
      throw new PackageKeyRefusedError('FIRMWARE_KEY_REVOKED', `key ${keyId} was revoked at ${key.revokedAt}`, keyId);
    if (key.manufacturerKey !== catalogKey(manufacturer))
      throw new PackageKeyRefusedError('FIRMWARE_KEY_MANUFACTURER_MISMATCH', `key ${keyId} belongs to ${key.manufacturer}, not ${manufacturer}`, keyId);
    return key;
  }
}
