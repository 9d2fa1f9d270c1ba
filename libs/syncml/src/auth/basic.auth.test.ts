import { AuthError } from './auth.error';
import { basicCredential, parseBasicCredential, verifyBasic } from './basic.auth';

describe('syncml:auth-basic', () => {
  it('encodes user:password as base64 (OMA DM 1.2 security 5.1.3.1 example)', () => {
    expect(basicCredential('Bruce2', 'OhBehave')).toBe('QnJ1Y2UyOk9oQmVoYXZl');
  });

  it('keeps colons inside the password when parsing', () => {
    expect(parseBasicCredential(basicCredential('u', 'a:b:c'))).toEqual({ username: 'u', password: 'a:b:c' });
  });

  it('accepts the right password and reports the user name', () => {
    const lookup = (u: string): string | undefined => (u === 'dmuser' ? 'dmpass' : undefined);
    expect(verifyBasic('ZG11c2VyOmRtcGFzcw==', lookup)).toEqual({ valid: true, username: 'dmuser' });
  });

  it('refuses a wrong password and an unknown user without throwing', () => {
    const lookup = (u: string): string | undefined => (u === 'dmuser' ? 'other' : undefined);
    expect(verifyBasic(basicCredential('dmuser', 'dmpass'), lookup).valid).toBe(false);
    expect(verifyBasic(basicCredential('nobody', 'dmpass'), lookup)).toEqual({
      valid: false,
      username: 'nobody',
    });
  });

  it.each([['not base64!'], ['ZG11c2Vy' /* "dmuser": no colon */], ['ZG11c2VyOmRtcGFzcw=']])(
    'throws AUTH_MALFORMED for %s',
    (data) => {
      expect(() => verifyBasic(data, () => 'x')).toThrow(AuthError);
      try {
        verifyBasic(data, () => 'x');
      } catch (e) {
        expect((e as AuthError).code).toBe('AUTH_MALFORMED');
      }
    },
  );
});
