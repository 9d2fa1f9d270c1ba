import { randomBytes } from 'node:crypto';
import { AuthError, AuthErrorCodes } from './auth.error';
import { fromB64Strict, toB64 } from './auth-hash';

/**
 * A nonce both ways it exists: the raw octets and the base64 text carried in
 * NextNonce / AAuthData (Meta Format b64).
 */
export interface Nonce {
  readonly bytes: Uint8Array;
  readonly b64: string;
}

/**
 * How a peer feeds a nonce into the hash. The specs and most clients use the
 * b64-decoded octets ('decoded'); some phones hash the base64 text itself ('b64-text').
 */
export type NonceForm = 'decoded' | 'b64-text';

/** OMA DM 1.2 security 5.1.3.3: at least 16 random octets recommended. */
export function generateNonce(bytes = 16): Nonce {
  if (!Number.isInteger(bytes) || bytes < 1) {
    throw new AuthError(
      AuthErrorCodes.misconfigured,
      `nonce length must be a positive integer, got ${bytes}`,
    );
  }
  const raw = new Uint8Array(randomBytes(bytes));
  return { bytes: raw, b64: toB64(raw) };
}

export function nonceFromBytes(bytes: Uint8Array): Nonce {
  return { bytes, b64: toB64(bytes) };
}

/** NextNonce text as received; throws AUTH_MALFORMED when it is not base64. */
export function nonceFromB64(b64: string): Nonce {
  const bytes = fromB64Strict(b64);
  if (bytes === undefined) throw new AuthError(AuthErrorCodes.malformed, 'nonce is not valid base64');
  return { bytes, b64: b64.replace(/\s+/g, '') };
}

/** The octets that enter the hash for a given form. */
export function nonceInput(nonce: Nonce, form: NonceForm): Uint8Array {
  return form === 'decoded' ? nonce.bytes : new TextEncoder().encode(nonce.b64);
}
