import { generateKeyPairSync } from 'node:crypto';
import { ACCEPTED_KEY_TYPES, parsePublicKey } from './manufacturer-key';
import { UnsupportedKeyError } from './packages.errors';

const spki = (key: { export(o: { type: 'spki'; format: 'pem' }): string | Buffer }): string => key.export({ type: 'spki', format: 'pem' }).toString();

describe('parsePublicKey', () => {
  it.each([
    ['ed25519', () => generateKeyPairSync('ed25519').publicKey],
    ['ecdsa-p256', () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey],
    ['rsa', () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey],
  ] as const)('accepts %s and names it by the first 16 hex of sha256(SPKI DER)', (type, make) => {
    const parsed = parsePublicKey(spki(make()));
    expect(parsed.type).toBe(type);
    expect(parsed.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(parsePublicKey(parsed.publicKeyPem.replace(/\n/g, '\r\n')).keyId).toBe(parsed.keyId);
  });

  it.each([
    ['RSA 1024', () => spki(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey), /1024 bits/],
    ['X25519', () => spki(generateKeyPairSync('x25519').publicKey), /x25519/],
    ['ECDSA P-384', () => spki(generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).publicKey), /secp384r1/],
    ['an Ed25519 private key', () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), /PUBLIC KEY/],
    ['a PKCS#1 RSA public key', () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(), /PUBLIC KEY/],
    ['garbage in a PEM block', () => '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n', /does not decode/],
  ])('refuses %s with a 422 naming the accepted types', (_name, make, reason) => {
    const error = (() => {
      try {
        parsePublicKey(make());
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnsupportedKeyError);
    expect(error).toMatchObject({ status: 422, code: 'FIRMWARE_KEY_UNSUPPORTED', details: { accepted: ACCEPTED_KEY_TYPES } });
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).not.toContain('PRIVATE');
  });
});
