import vectors from '../../test-vectors/vectors.json';
import { basicCredential } from './basic.auth';
import { userHashB64 } from './auth-hash';
import { computeHmacMac, hmacHeader, parseHmacHeader, verifyHmacHeader } from './hmac-header.auth';
import { md5Credential, verifyMd5Credential } from './md5-digest.auth';
import { nonceFromBytes, type NonceForm } from './nonce';

// vectors.json is written by test-vectors/compute_vectors.py (Python hashlib/base64, independent of this code).
const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

describe('auth against the Python reference vectors', () => {
  it.each(vectors.basic)('basic credential for $user', (v) => {
    expect(basicCredential(v.user, v.password)).toBe(v.credential);
  });

  it.each(vectors.md5)('md5 credential for $user with nonce form $nonceForm', (v) => {
    const nonce = nonceFromBytes(bytes(v.nonceHex));
    const form: NonceForm = v.nonceForm === 'b64-text' ? 'b64-text' : 'decoded';
    expect(userHashB64(v.user, v.password)).toBe(v.userHashB64);
    expect(md5Credential(v.user, v.password, nonce, form)).toBe(v.credential);
    expect(
      verifyMd5Credential(v.credential, {
        username: v.user,
        userHash: v.userHashB64,
        nonce,
        acceptForms: ['decoded', 'b64-text'],
      }),
    ).toEqual({
      valid: true,
      form,
    });
  });

  it.each(vectors.hmac)('x-syncml-hmac for $user over a $bodyLength-byte body', (v) => {
    const nonce = nonceFromBytes(bytes(v.nonceHex));
    const body = bytes(v.bodyHex);
    expect(computeHmacMac(v.user, v.password, nonce, body)).toBe(v.mac);
    expect(hmacHeader(v.user, v.password, nonce, body)).toBe(v.header);
    expect(parseHmacHeader(v.header)).toEqual({ algorithm: 'MD5', username: v.user, mac: v.mac });
    expect(verifyHmacHeader(v.header, body, { lookup: () => ({ password: v.password }), nonce }).valid).toBe(
      true,
    );
  });
});
