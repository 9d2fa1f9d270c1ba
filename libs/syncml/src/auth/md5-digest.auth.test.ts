import { AuthError } from './auth.error';
import { userHashB64 } from './auth-hash';
import { md5Credential, md5CredentialFromUserHash, verifyMd5Credential } from './md5-digest.auth';
import { generateNonce, nonceFromB64, nonceFromBytes } from './nonce';

const asciiNonce = nonceFromBytes(new TextEncoder().encode('Nonce'));
const serverNonce = nonceFromB64('AQIDBAUGBwgJCgsMDQ4PEA==');

describe('syncml:auth-md5', () => {
  it('reproduces the SyncML RepPro example Bruce2/OhBehave/"Nonce"', () => {
    expect(md5Credential('Bruce2', 'OhBehave', asciiNonce)).toBe('Zz6EivR3yeaaENcRN6lpAQ==');
  });

  it('hashes the decoded nonce octets by default and the base64 text when asked', () => {
    expect(md5Credential('dmclient01', 'clientSecret', serverNonce)).toBe('Kmq0TpJIOKIwBPByQm2TTg==');
    expect(md5Credential('dmclient01', 'clientSecret', serverNonce, 'b64-text')).toBe(
      'xMA0mOZpKU0oGwb5nxsRIg==',
    );
  });

  it('gives the same digest from the stored user hash as from the password', () => {
    const hash = userHashB64('dmclient01', 'clientSecret');
    expect(hash).toBe('BLi3ZzMvOR8Rq5+i4nz4FA==');
    expect(md5CredentialFromUserHash(hash, serverNonce)).toBe(
      md5Credential('dmclient01', 'clientSecret', serverNonce),
    );
  });

  it('verifier accepts only the decoded form unless configured for both', () => {
    const textForm = md5Credential('dmclient01', 'clientSecret', serverNonce, 'b64-text');
    const strict = { username: 'dmclient01', password: 'clientSecret', nonce: serverNonce };
    expect(verifyMd5Credential(textForm, strict)).toEqual({ valid: false });
    expect(verifyMd5Credential(textForm, { ...strict, acceptForms: ['decoded', 'b64-text'] })).toEqual({
      valid: true,
      form: 'b64-text',
    });
    expect(verifyMd5Credential('Kmq0TpJIOKIwBPByQm2TTg==', strict)).toEqual({ valid: true, form: 'decoded' });
  });

  it('refuses a digest made with a stale nonce', () => {
    const stale = generateNonce();
    const data = md5Credential('dmclient01', 'clientSecret', stale);
    expect(
      verifyMd5Credential(data, { username: 'dmclient01', password: 'clientSecret', nonce: serverNonce })
        .valid,
    ).toBe(false);
  });

  it('throws AUTH_MISCONFIGURED without a secret or without any nonce form', () => {
    expect(() => verifyMd5Credential('x', { username: 'u', nonce: serverNonce })).toThrow(AuthError);
    expect(() =>
      verifyMd5Credential('x', { username: 'u', password: 'p', nonce: serverNonce, acceptForms: [] }),
    ).toThrow(AuthError);
  });
});

describe('nonces', () => {
  it('generateNonce returns 16 random octets and their base64 by default', () => {
    const a = generateNonce();
    const b = generateNonce(20);
    expect(a.bytes).toHaveLength(16);
    expect(Buffer.from(a.b64, 'base64')).toEqual(Buffer.from(a.bytes));
    expect(b.bytes).toHaveLength(20);
    expect(a.b64).not.toBe(generateNonce().b64);
  });

  it('rejects NextNonce text that is not base64', () => {
    expect(() => nonceFromB64('AQID*')).toThrow(AuthError);
    expect(nonceFromB64(' AQID\nBA== ').bytes).toEqual(new Uint8Array([1, 2, 3, 4]));
  });
});
