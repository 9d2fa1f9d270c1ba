import {
  constantTimeEqual,
  generateNonce,
  parseBasicCredential,
  StatusCodes,
  userHashB64,
  verifyHmacHeader,
  verifyMd5Credential,
  AuthError,
  type Chal,
  type Nonce,
  type SyncHdr,
} from '@dms/syncml';
import type { AuthGuardStore } from '../data-access/auth-guard.store';
import type { DmAccount, DmAuthType } from './dm-account';
import type { SessionState } from './session-state';

/** Meta Type of Cred and Chal per scheme (DM 1.2 security 5.1.3-5.1.4). */
export const authTypeNames: Readonly<Record<DmAuthType, string>> = { basic: 'syncml:auth-basic', md5: 'syncml:auth-md5', hmac: 'syncml:auth-MAC' };

const schemeOf = (type: string | undefined): DmAuthType | undefined =>
  (Object.entries(authTypeNames).find(([, name]) => name.toLowerCase() === type?.trim().toLowerCase())?.[0] as DmAuthType | undefined);

export type AuthVerdict =
  | { readonly ok: true; readonly code: number; readonly chal?: Chal; readonly scheme: DmAuthType }
  | { readonly ok: false; readonly code: number; readonly chal: Chal; readonly reason: string };

export interface AuthInput {
  readonly hdr: SyncHdr;
  readonly hmacHeader: string | undefined;
  readonly body: Uint8Array;
  readonly state: SessionState | undefined;
  readonly account: DmAccount | undefined;
}

const utf8 = new TextEncoder();
const chal = (scheme: DmAuthType, nonce?: Nonce): Chal => ({ meta: { type: authTypeNames[scheme], format: 'b64', ...(nonce === undefined || scheme === 'basic' ? {} : { nextNonce: nonce.b64 }) } });

/**
 * Authenticates the handset (DM 1.2 security 5.1, fact sheet 10): 407 + Chal when no
 * credential came, 401 + Chal with a fresh nonce when it is wrong, from an unknown device,
 * in another scheme than the account's, or while the device is locked out. md5 is
 * accepted for the session with 212 and a NextNonce for the next session; HMAC is checked
 * on every message, answered 200 with a new NextNonce each time. A nonce is used once:
 * it is replaced as soon as it verified, so a replayed digest fails.
 */
export class ClientAuthenticator {
  constructor(private readonly guard: AuthGuardStore) {}

  async authenticate(input: AuthInput): Promise<AuthVerdict> {
    const { hdr, account, state } = input;
    if (state?.ok === 1 && state.au !== 'hmac') return { ok: true, code: StatusCodes.ok, scheme: state.au === 'none' ? 'basic' : state.au };
    const claimed = input.hmacHeader !== undefined ? 'hmac' : schemeOf(hdr.cred?.meta.type);
    if (account === undefined) return { ok: false, code: StatusCodes.invalidCredentials, chal: chal(claimed ?? 'md5', generateNonce()), reason: 'unknown device' };
    const scheme = account.authType;
    if (await this.guard.isLocked(account.deviceId)) {
      return { ok: false, code: StatusCodes.invalidCredentials, chal: chal(scheme, await this.guard.clientNonce(account.deviceId)), reason: 'locked out' };
    }
    if (claimed === undefined) return this.refuse(account, StatusCodes.missingCredentials, 'no credentials', false);
    if (claimed !== scheme) return this.refuse(account, StatusCodes.invalidCredentials, `scheme ${claimed} instead of ${scheme}`, true);
    if (scheme !== 'basic' && (await this.guard.clientNonce(account.deviceId)) === undefined) {
      // No nonce issued yet (a first session): challenge without counting a failure.
      return this.refuse(account, StatusCodes.invalidCredentials, 'no nonce issued yet', false);
    }
    const valid = await this.verify(scheme, input, account);
    if (!valid) return this.refuse(account, StatusCodes.invalidCredentials, 'credentials do not verify', true);
    // Clearing the failure counter is not on the handset's critical path.
    this.guard.recordSuccess(account.deviceId).catch(() => undefined);
    if (scheme === 'basic') return { ok: true, code: StatusCodes.authenticationAccepted, scheme };
    const next = generateNonce();
    await this.guard.setClientNonce(account.deviceId, next);
    return { ok: true, code: scheme === 'hmac' ? StatusCodes.ok : StatusCodes.authenticationAccepted, chal: chal(scheme, next), scheme };
  }

  private async verify(scheme: DmAuthType, input: AuthInput, account: DmAccount): Promise<boolean> {
    try {
      if (scheme === 'basic') {
        const { username, password } = parseBasicCredential(input.hdr.cred?.data ?? '');
        return username === account.username && constantTimeEqual(utf8.encode(userHashB64(username, password)), utf8.encode(account.userHash));
      }
      const nonce = await this.guard.clientNonce(account.deviceId);
      if (nonce === undefined) return false;
      if (scheme === 'md5') {
        const name = input.hdr.source.locName ?? account.username;
        return name === account.username && verifyMd5Credential(input.hdr.cred?.data ?? '', { username: account.username, userHash: account.userHash, nonce }).valid;
      }
      const lookup = (name: string) => (name === account.username ? { userHash: account.userHash } : undefined);
      return verifyHmacHeader(input.hmacHeader ?? '', input.body, { lookup, nonce }).valid;
    } catch (error) {
      if (error instanceof AuthError) return false;
      throw error;
    }
  }

  /** A fresh nonce with every refusal: the handset may hold a stale one (security 5.1.3.3). */
  private async refuse(account: DmAccount, code: number, reason: string, countFailure: boolean): Promise<AuthVerdict> {
    const nonce = generateNonce();
    if (account.authType !== 'basic') await this.guard.setClientNonce(account.deviceId, nonce);
    if (countFailure) await this.guard.recordFailure(account.deviceId);
    return { ok: false, code, chal: chal(account.authType, nonce), reason };
  }
}
