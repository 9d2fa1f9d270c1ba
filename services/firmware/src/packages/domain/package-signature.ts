import { createPublicKey, verify } from 'node:crypto';
import type { ManufacturerKeyType } from '../package.model';
import { InvalidPackagesRequestError, SignatureInvalidError } from './packages.errors';

/** base64 or base64url, padding optional; a `+` sent unencoded in a query string arrives as a space. */
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
/** RSA-8192 is 1024 bytes (1366 characters); nothing accepted is longer. */
const MAX_SIGNATURE_CHARS = 1400;

export function decodeSignature(text: string): Buffer {
  const cleaned = text.replace(/ /g, '+').trim();
  if (cleaned.length === 0 || cleaned.length > MAX_SIGNATURE_CHARS || !BASE64.test(cleaned))
    throw new InvalidPackagesRequestError('signature must be base64 or base64url');
  return Buffer.from(cleaned.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/**
 * Verifies the manufacturer's signature over the package bytes: Ed25519 is pure (no
 * pre-hash); ECDSA P-256 (DER signature) and RSA (PKCS#1 v1.5) sign SHA-256.
 */
export function verifyPackageSignature(
  type: ManufacturerKeyType,
  publicKeyPem: string,
  keyId: string,
  bytes: Buffer,
  signature: Buffer,
): void {
  const key = createPublicKey(publicKeyPem);
  let valid: boolean;
  try {
    valid = verify(type === 'ed25519' ? null : 'sha256', bytes, key, signature);
  } catch (cause) {
    // OpenSSL refuses some malformed signatures instead of answering false: still a bad signature.
    throw new SignatureInvalidError(keyId, cause);
  }
  if (!valid) throw new SignatureInvalidError(keyId);
}
