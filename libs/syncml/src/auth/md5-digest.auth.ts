import { AuthError, AuthErrorCodes } from './auth.error';
import { constantTimeEqualText, md5, toB64, userHashB64 } from './auth-hash';
import { nonceInput, type Nonce, type NonceForm } from './nonce';

/**
 * syncml:auth-md5 as OMA DM 1.2 security 5.1.3.2 and SyncML RepPro >= 1.1 define it:
 *   Cred Data = B64( MD5( B64(MD5(username ":" password)) ":" nonce ) ), Meta Format b64.
 * `nonce` are the octets the peer's NextNonce decodes to ('decoded'); some clients hash
 * the base64 text instead ('b64-text'). SyncML 1.0's MD5(user:pass:nonce) is not supported.
 */
export function md5Credential(
  username: string,
  password: string,
  nonce: Nonce,
  form: NonceForm = 'decoded',
): string {
  return md5CredentialFromUserHash(userHashB64(username, password), nonce, form);
}

/** Same digest from the stored B64(MD5(user:password)) (security 5.1.3.2: the server need not keep the password). */
export function md5CredentialFromUserHash(
  userHash: string,
  nonce: Nonce,
  form: NonceForm = 'decoded',
): string {
  return toB64(md5(userHash, ':', nonceInput(nonce, form)));
}

export interface Md5VerifierOptions {
  readonly username: string;
  /** Either the clear secret or the stored B64(MD5(username:password)). */
  readonly password?: string;
  readonly userHash?: string;
  /** The nonce this server last issued in Chal/NextNonce for this account. */
  readonly nonce: Nonce;
  /** Forms to try, in order. Default: only 'decoded' (the spec). Add 'b64-text' for lenient device families. */
  readonly acceptForms?: readonly NonceForm[];
}

export type Md5Verification = { readonly valid: true; readonly form: NonceForm } | { readonly valid: false };

/** Compares every accepted form in constant time (no early exit that would reveal which form matched). */
export function verifyMd5Credential(data: string, options: Md5VerifierOptions): Md5Verification {
  const forms = options.acceptForms ?? ['decoded'];
  if (forms.length === 0)
    throw new AuthError(AuthErrorCodes.misconfigured, 'auth-md5 verifier accepts no nonce form');
  const userHash =
    options.userHash ??
    (options.password === undefined ? undefined : userHashB64(options.username, options.password));
  if (userHash === undefined)
    throw new AuthError(AuthErrorCodes.misconfigured, 'auth-md5 verifier needs password or userHash');
  const received = data.trim();
  let matched: NonceForm | undefined;
  for (const form of forms) {
    const ok = constantTimeEqualText(received, md5CredentialFromUserHash(userHash, options.nonce, form));
    if (ok && matched === undefined) matched = form;
  }
  return matched === undefined ? { valid: false } : { valid: true, form: matched };
}
