import { basicCredential, md5Credential, type Nonce, type SyncHdr } from '@dms/syncml';
import { authTypeNames } from './client-authenticator';
import type { DmAccount } from './dm-account';

export interface ServerHeaderInput {
  readonly client: SyncHdr;
  readonly msgId: number;
  readonly serverUri: string;
  readonly respUri?: string;
  readonly maxMsgSize: number;
  readonly maxObjSize: number;
  /** Our credential, until the handset accepted it (DM 1.2 security 5.1: the server authenticates too). */
  readonly credential?: { readonly account: DmAccount; readonly serverNonce: Nonce };
}

/**
 * SyncHdr of a server message (fact sheet 2.1): SessionID echoed verbatim, our own MsgID
 * counter, Target = the device, Source = this server, RespURI carrying the session token,
 * our MaxMsgSize/MaxObjSize. Cred = basic or md5 over the DM account's server credential
 * and the nonce the handset issued (HMAC travels in the HTTP header instead).
 */
export function serverHeader(input: ServerHeaderInput): SyncHdr {
  const cred = input.credential === undefined ? undefined : serverCred(input.credential.account, input.credential.serverNonce);
  return {
    verDTD: input.client.verDTD,
    verProto: input.client.verProto,
    sessionId: input.client.sessionId,
    msgId: String(input.msgId),
    target: { locURI: input.client.source.locURI },
    source: { locURI: input.serverUri },
    ...(input.respUri === undefined ? {} : { respURI: input.respUri }),
    ...(cred === undefined ? {} : { cred }),
    meta: { maxMsgSize: input.maxMsgSize, maxObjSize: input.maxObjSize },
  };
}

function serverCred(account: DmAccount, nonce: Nonce): SyncHdr['cred'] {
  if (account.authType === 'hmac') return undefined;
  const data = account.authType === 'basic' ? basicCredential(account.serverId, account.serverPassword) : md5Credential(account.serverId, account.serverPassword, nonce);
  return { meta: { type: authTypeNames[account.authType], format: 'b64' }, data };
}
