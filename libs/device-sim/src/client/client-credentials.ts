import {
  basicCredential,
  constantTimeEqual,
  generateNonce,
  hmacHeader,
  md5Credential,
  nonceFromBytes,
  verifyHmacHeader,
  type Cred,
  type Nonce,
  type SyncHdr,
} from '@dms/syncml';
import { AppAuthNames } from '../tree/dm-account.seed';
import type { DmTree } from '../tree/dm-tree';
import type { AuthScheme, Misbehaviour } from './handset.options';

/** Meta Type of Cred and Chal per scheme (OMA DM 1.2 security 5.1.3-5.1.4). */
export const AuthSchemeTypes: Readonly<Record<AuthScheme, string>> = {
  basic: 'syncml:auth-basic',
  md5: 'syncml:auth-md5',
  hmac: 'syncml:auth-MAC',
};

export function schemeOfType(type: string | undefined): AuthScheme | undefined {
  const entry = Object.entries(AuthSchemeTypes).find(([, t]) => t.toLowerCase() === type?.toLowerCase());
  return entry?.[0] as AuthScheme | undefined;
}

export type ServerCheck = 'ok' | 'missing' | 'invalid';

const utf8 = new TextEncoder();

/**
 * Both credentials of one DM account, read from and written to the tree (DMAcc AppAuth
 * CLCRED / SRVCRED): names and secrets as the server may have replaced them, nonces in
 * AAuthData. A NextNonce is stored for the next digest, except when replaying on purpose.
 */
export class ClientCredentials {
  private readonly replayed: Nonce;

  constructor(
    private readonly tree: DmTree,
    private readonly account: string,
    public scheme: AuthScheme,
    private readonly misbehave: Misbehaviour,
  ) {
    this.replayed = this.clientNonce();
  }

  get username(): string {
    return this.tree.text(`${this.level('client')}/AAuthName`) ?? '';
  }

  get serverId(): string {
    return this.tree.text(`${this.account}/ServerID`) ?? '';
  }

  clientNonce(): Nonce {
    return this.misbehave.replayNonce === true && this.replayed !== undefined
      ? this.replayed
      : this.nonceAt('client');
  }

  /** Chal NextNonce from the server: the nonce for the next Cred (this message's retry, next message or next session). */
  storeClientNonce(b64: string): void {
    if (this.misbehave.replayNonce === true) return;
    this.tree.set(`${this.level('client')}/AAuthData`, {
      format: 'bin',
      value: new Uint8Array(Buffer.from(b64, 'base64')),
      access: ['Add', 'Delete', 'Replace'],
    });
  }

  /** SyncHdr Cred for basic and md5; HMAC travels in the header instead (5.1.4). */
  cred(): Cred | undefined {
    const password = this.password();
    if (this.scheme === 'basic')
      return {
        meta: { type: AuthSchemeTypes.basic, format: 'b64' },
        data: basicCredential(this.username, password),
      };
    if (this.scheme === 'md5')
      return {
        meta: { type: AuthSchemeTypes.md5, format: 'b64' },
        data: md5Credential(this.username, password, this.clientNonce()),
      };
    return undefined;
  }

  hmacHeader(body: Uint8Array): string {
    return hmacHeader(this.username, this.password(), this.clientNonce(), body);
  }

  serverNonce(): Nonce {
    return this.nonceAt('server');
  }

  /** A fresh SRVCRED nonce for the server's next credential (sent in our Chal). */
  rotateServerNonce(): Nonce {
    const nonce = generateNonce();
    this.tree.set(`${this.level('server')}/AAuthData`, {
      format: 'bin',
      value: nonce.bytes,
      access: ['Add', 'Delete', 'Replace'],
    });
    return nonce;
  }

  /** Checks the server's credential with the SRVCRED secret and nonce (name = ServerID, as Android does). */
  checkServer(hdr: SyncHdr, hmacValue: string | undefined, body: Uint8Array): ServerCheck {
    const secret = this.tree.text(`${this.level('server')}/AAuthSecret`) ?? '';
    if (this.scheme === 'hmac') {
      if (hmacValue === undefined) return 'missing';
      try {
        return verifyHmacHeader(hmacValue, body, {
          lookup: (name) => (name === this.serverId ? { password: secret } : undefined),
          nonce: this.serverNonce(),
        }).valid
          ? 'ok'
          : 'invalid';
      } catch {
        return 'invalid';
      }
    }
    if (hdr.cred === undefined) return 'missing';
    const expected =
      this.scheme === 'basic'
        ? basicCredential(this.serverId, secret)
        : md5Credential(this.serverId, secret, this.serverNonce());
    return constantTimeEqual(utf8.encode(hdr.cred.data.trim()), utf8.encode(expected)) ? 'ok' : 'invalid';
  }

  private password(): string {
    const secret = this.tree.text(`${this.level('client')}/AAuthSecret`) ?? '';
    return this.misbehave.wrongPassword === true ? `${secret}-wrong` : secret;
  }

  private level(which: 'client' | 'server'): string {
    return `${this.account}/AppAuth/${AppAuthNames[which]}`;
  }

  private nonceAt(which: 'client' | 'server'): Nonce {
    const value = this.tree.value(`${this.level(which)}/AAuthData`);
    return nonceFromBytes(
      value === undefined ? new Uint8Array() : typeof value === 'string' ? utf8.encode(value) : value,
    );
  }
}
