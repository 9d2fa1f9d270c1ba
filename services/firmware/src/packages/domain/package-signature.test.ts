import { generateKeyPairSync, sign } from 'node:crypto';
import { decodeSignature, verifyPackageSignature } from './package-signature';
import { InvalidPackagesRequestError, SignatureInvalidError } from './packages.errors';

describe('package signatures', () => {
  it('reads base64, base64url, and base64 whose + became a space in a query string', () => {
    const raw = Buffer.from([0xfb, 0xef, 0xff, 0x01, 0x02]);
    for (const text of [raw.toString('base64'), raw.toString('base64url'), raw.toString('base64').replace(/\+/g, ' ')])
      expect(decodeSignature(text).equals(raw)).toBe(true);
    expect(() => decodeSignature('a$b')).toThrow(InvalidPackagesRequestError);
  });

  it('verifies ECDSA P-256 DER signatures over SHA-256 and refuses an IEEE P1363 one', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const bytes = Buffer.from('firmware');
    expect(() => verifyPackageSignature('ecdsa-p256', pem, 'k', bytes, sign('sha256', bytes, privateKey))).not.toThrow();
    const p1363 = sign('sha256', bytes, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    expect(() => verifyPackageSignature('ecdsa-p256', pem, 'k', bytes, p1363)).toThrow(SignatureInvalidError);
  });
});
