import { createHash, timingSafeEqual } from 'node:crypto';

/** Hash primitives shared by auth-md5, x-syncml-hmac and the Package 0 digest (all MD5 + base64). */

const utf8 = new TextEncoder();

export function md5(...parts: Array<Uint8Array | string>): Uint8Array {
  const hash = createHash('md5');
  for (const part of parts) hash.update(typeof part === 'string' ? utf8.encode(part) : part);
  return new Uint8Array(hash.digest());
}

export function toB64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

const B64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict RFC 4648 base64 (Buffer.from silently skips junk); whitespace is tolerated, as XML may wrap it. */
export function fromB64Strict(text: string): Uint8Array | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!B64_PATTERN.test(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** B64(MD5(name ":" secret)): OMA DM 1.2 security 5.1.3.2, the value a server may store instead of the password. */
export function userHashB64(name: string, secret: string): string {
  return toB64(md5(`${name}:${secret}`));
}

/** Constant-time equality; different lengths compare false without an early exit on content. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** Constant-time equality of two ASCII strings (base64 credentials). */
export function constantTimeEqualText(a: string, b: string): boolean {
  return constantTimeEqual(utf8.encode(a), utf8.encode(b));
}
