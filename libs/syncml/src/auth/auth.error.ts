import { UserError, type DmsErrorOptions } from '@dms/service-kit';

/** Why a credential could not even be checked (a wrong credential is a `false` result, not an error). */
export const AuthErrorCodes = {
  /** Cred Data / header / nonce that does not parse (bad base64, missing `:`, missing header param). */
  malformed: 'AUTH_MALFORMED',
  /** A scheme or algorithm we do not implement (e.g. `algorithm=SHA1` in x-syncml-hmac). */
  unsupported: 'AUTH_UNSUPPORTED',
  /** The verifier was configured without anything to verify against (no secret, no nonce form). */
  misconfigured: 'AUTH_MISCONFIGURED',
} as const;

export type AuthErrorCode = (typeof AuthErrorCodes)[keyof typeof AuthErrorCodes];

export class AuthError extends UserError {
  constructor(code: AuthErrorCode, message: string, options: DmsErrorOptions = {}) {
    super(code, message, options);
  }
}
