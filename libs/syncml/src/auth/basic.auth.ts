import { AuthError, AuthErrorCodes } from './auth.error';
import { constantTimeEqualText, fromB64Strict, toB64 } from './auth-hash';

/** OMA DM 1.2 security 5.1.3.1 / SyncML RepPro 1.2 A.3: Cred Data = B64(username ":" password), Format b64. */
export function basicCredential(username: string, password: string): string {
  return toB64(new TextEncoder().encode(`${username}:${password}`));
}

export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/** Splits at the first ':' (a user name cannot contain one; a password can). */
export function parseBasicCredential(data: string): BasicCredentials {
  const bytes = fromB64Strict(data);
  if (bytes === undefined)
    throw new AuthError(AuthErrorCodes.malformed, 'auth-basic Cred Data is not base64');
  const text = new TextDecoder().decode(bytes);
  const colon = text.indexOf(':');
  if (colon < 0) throw new AuthError(AuthErrorCodes.malformed, "auth-basic Cred Data has no ':' separator");
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

export interface BasicVerification {
  readonly valid: boolean;
  readonly username: string;
}

/**
 * Checks Cred Data against the password `lookup` returns for the user name it carries
 * (undefined = unknown user, which is simply invalid). Throws AUTH_MALFORMED on undecodable data.
 */
export function verifyBasic(
  data: string,
  lookup: (username: string) => string | undefined,
): BasicVerification {
  const { username, password } = parseBasicCredential(data);
  const expected = lookup(username);
  if (expected === undefined) {
    constantTimeEqualText(password, password);
    return { valid: false, username };
  }
  return { valid: constantTimeEqualText(password, expected), username };
}
