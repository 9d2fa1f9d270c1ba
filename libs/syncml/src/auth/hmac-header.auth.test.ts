import { AuthError } from './auth.error';
import {
  computeHmacMac,
  formatHmacHeader,
  hmacHeader,
  parseHmacHeader,
  verifyHmacHeader,
} from './hmac-header.auth';
import { nonceFromB64 } from './nonce';

const nonce = nonceFromB64('AQIDBAUGBwgJCgsMDQ4PEA==');
const body = new TextEncoder().encode('<SyncML/>');

describe('x-syncml-hmac header', () => {
  it.each([
    [
      'spec spacing',
      'algorithm=MD5, username="Robert Jordan", mac=NTI2OTJhMDAwNjYxODkwYmQ3NWUxN2RhN2ZmYmJlMzk=',
    ],
    [
      'Android, no spaces',
      'algorithm=MD5,username="Robert Jordan",mac=NTI2OTJhMDAwNjYxODkwYmQ3NWUxN2RhN2ZmYmJlMzk=',
    ],
    [
      'upper-case names, quoted mac, odd order',
      ' MAC = "NTI2OTJhMDAwNjYxODkwYmQ3NWUxN2RhN2ZmYmJlMzk=" ,USERNAME= "Robert Jordan", Algorithm=md5 ',
    ],
    [
      'no algorithm (MD5 is the default)',
      'username="Robert Jordan", mac=NTI2OTJhMDAwNjYxODkwYmQ3NWUxN2RhN2ZmYmJlMzk=',
    ],
  ])('parses %s', (_name, value) => {
    expect(parseHmacHeader(value)).toEqual({
      algorithm: 'MD5',
      username: 'Robert Jordan',
      mac: 'NTI2OTJhMDAwNjYxODkwYmQ3NWUxN2RhN2ZmYmJlMzk=',
    });
  });

  it('round-trips a user name with a quote and a backslash', () => {
    const header = formatHmacHeader({ username: 'a"b\\c', mac: 'bWFj' });
    expect(parseHmacHeader(header).username).toBe('a"b\\c');
  });

  it.each([
    ['username="x"'],
    ['mac=abc'],
    ['username="x", mac='],
    ['garbage'],
    ['username="unterminated, mac=a'],
  ])('throws AUTH_MALFORMED for %s', (value) => {
    expect(() => parseHmacHeader(value)).toThrow(expect.objectContaining({ code: 'AUTH_MALFORMED' }));
  });

  it('throws AUTH_UNSUPPORTED for another algorithm', () => {
    expect(() => parseHmacHeader('algorithm=SHA1, username="x", mac=abc')).toThrow(AuthError);
    expect(() => parseHmacHeader('algorithm=SHA1, username="x", mac=abc')).toThrow(
      expect.objectContaining({ code: 'AUTH_UNSUPPORTED' }),
    );
  });

  it('verifies a header made for the same body and refuses a changed body', () => {
    const value = hmacHeader('dmclient01', 'clientSecret', nonce, body);
    const options = {
      lookup: (u: string) => (u === 'dmclient01' ? { password: 'clientSecret' } : undefined),
      nonce,
    };
    expect(verifyHmacHeader(value, body, options)).toEqual({
      valid: true,
      username: 'dmclient01',
      form: 'decoded',
    });
    expect(verifyHmacHeader(value, new TextEncoder().encode('<SyncML />'), options).valid).toBe(false);
  });

  it('accepts a mac over the base64 nonce text only when that form is enabled', () => {
    const mac = computeHmacMac('dmclient01', 'clientSecret', nonce, body, 'b64-text');
    const value = formatHmacHeader({ username: 'dmclient01', mac });
    const lookup = (): { password: string } => ({ password: 'clientSecret' });
    expect(verifyHmacHeader(value, body, { lookup, nonce }).valid).toBe(false);
    expect(
      verifyHmacHeader(value, body, { lookup, nonce, acceptForms: ['decoded', 'b64-text'] }),
    ).toMatchObject({ valid: true, form: 'b64-text' });
  });

  it('reports an unknown user as invalid, not as an error', () => {
    expect(verifyHmacHeader('username="ghost", mac=abc', body, { lookup: () => undefined, nonce })).toEqual({
      valid: false,
      username: 'ghost',
    });
  });
});
