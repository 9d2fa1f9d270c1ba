import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import type { ManufacturerKeyType } from '../package.model';
import { UnsupportedKeyError } from './packages.errors';

export const ACCEPTED_KEY_TYPES = ['Ed25519', 'ECDSA P-256', 'RSA >= 2048 bits'] as const;
const MIN_RSA_BITS = 2048;
/** OpenSSL's name of NIST P-256. */
const P256_CURVES: readonly string[] = ['prime256v1', 'P-256'];
/** Only an SPKI public key PEM; createPublicKey would also take a private key and derive it. */
const SPKI_PEM = /^\s*-----BEGIN PUBLIC KEY-----\r?\n[A-Za-z0-9+/=\r\n]+-----END PUBLIC KEY-----\s*$/;

export interface ParsedPublicKey {
  keyId: string;
  type: ManufacturerKeyType;
  /** Normalised PEM (re-exported SPKI). */
  publicKeyPem: string;
  key: KeyObject;
}

/** keyId: the first 16 hex digits of SHA-256 over the SPKI DER, so the same key has the same id everywhere. */
export function keyIdOf(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

function keyTypeOf(key: KeyObject): ManufacturerKeyType {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'ed25519':
      return 'ed25519';
    case 'ec':
      if (details.namedCurve !== undefined && P256_CURVES.includes(details.namedCurve)) return 'ecdsa-p256';
      throw new UnsupportedKeyError(`unsupported EC curve ${details.namedCurve ?? 'unknown'}`, ACCEPTED_KEY_TYPES);
    case 'rsa':
      if ((details.modulusLength ?? 0) >= MIN_RSA_BITS) return 'rsa';
      throw new UnsupportedKeyError(`RSA key of ${details.modulusLength ?? 0} bits is too short`, ACCEPTED_KEY_TYPES);
    default:
      throw new UnsupportedKeyError(`unsupported key type ${key.asymmetricKeyType ?? 'unknown'}`, ACCEPTED_KEY_TYPES);
  }
}

/** Reads a manufacturer's public key; anything but an accepted SPKI public key is a 422 problem. */
export function parsePublicKey(pem: string): ParsedPublicKey {
  if (!SPKI_PEM.test(pem)) throw new UnsupportedKeyError('not a PEM "PUBLIC KEY" (SPKI) block', ACCEPTED_KEY_TYPES);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (cause) {
    throw new UnsupportedKeyError(`the PEM does not decode (${(cause as { code?: string }).code ?? 'invalid'})`, ACCEPTED_KEY_TYPES);
  }
  const type = keyTypeOf(key);
  return { keyId: keyIdOf(key), type, publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(), key };
}
