import {
  decodePackage0,
  parseSmsSegments,
  PACKAGE0_CONTENT_TYPE,
  unwrapWapPush,
  verifyPackage0Digest,
  WdpPorts,
} from '@dms/syncml';
import { AppAuthNames } from '../tree/dm-account.seed';
import type { DmTree } from '../tree/dm-tree';

export type NotificationRejection =
  | 'malformed'
  | 'not-dm-push'
  | 'unknown-server'
  | 'bad-version'
  | 'bad-digest'
  | 'session-in-progress'
  | 'user-declined';

export type Package0Check =
  | { readonly ok: true; readonly sessionId: string; readonly serverId: string; readonly uiMode: string }
  | { readonly ok: false; readonly reason: NotificationRejection; readonly detail: string };

const DM_APPLICATION_ID = 'x-wap-application:syncml.dm';

/**
 * Package 0 as a handset checks it (OMA DM 1.2 notification 6.2): decode, find the DMAcc
 * whose ServerID is the message's server identifier, verify the digest with that
 * account's SRVCRED secret and AAuthData nonce (name = ServerID per the spec; the
 * SRVCRED AAuthName is tried too, as libdmclient uses it). Version 11 and 12 are accepted.
 * The session id becomes upper-case hex without leading zeros (6.2.2.10).
 */
export function checkPackage0(tree: DmTree, dmAccRoot: string, bytes: Uint8Array): Package0Check {
  let pkg;
  try {
    pkg = decodePackage0(bytes);
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: (error as Error).message };
  }
  const account = tree
    .childNames(dmAccRoot)
    .map((x) => `${dmAccRoot}/${x}`)
    .find((x) => tree.text(`${x}/ServerID`) === pkg.serverId);
  if (account === undefined)
    return { ok: false, reason: 'unknown-server', detail: `no DMAcc with ServerID ${pkg.serverId}` };
  const srv = `${account}/AppAuth/${AppAuthNames.server}`;
  const nonce = tree.value(`${srv}/AAuthData`);
  const verification = verifyPackage0Digest(pkg, {
    password: tree.text(`${srv}/AAuthSecret`) ?? '',
    username: tree.text(`${srv}/AAuthName`) ?? pkg.serverId,
    nonces: [
      nonce === undefined
        ? new Uint8Array()
        : typeof nonce === 'string'
          ? new TextEncoder().encode(nonce)
          : nonce,
    ],
  });
  if (!verification.valid) {
    return verification.reason === 'version'
      ? { ok: false, reason: 'bad-version', detail: `notification version field ${pkg.version}` }
      : {
          ok: false,
          reason: 'bad-digest',
          detail: `digest does not verify with the SRVCRED secret and nonce of ${account}`,
        };
  }
  return {
    ok: true,
    sessionId: pkg.sessionId.toString(16).toUpperCase(),
    serverId: pkg.serverId,
    uiMode: pkg.uiMode,
  };
}

/** WAP Push over SMS (notification 6.3): reassembles the segments and returns the Package 0 body. */
export function package0FromSms(
  userDatas: readonly Uint8Array[],
): { ok: true; bytes: Uint8Array } | { ok: false; reason: NotificationRejection; detail: string } {
  try {
    const datagram = parseSmsSegments(userDatas);
    if (datagram.destinationPort !== undefined && datagram.destinationPort !== WdpPorts.wapPush) {
      return { ok: false, reason: 'not-dm-push', detail: `WDP destination port ${datagram.destinationPort}` };
    }
    const push = unwrapWapPush(datagram.wsp);
    if (push.contentType !== PACKAGE0_CONTENT_TYPE)
      return { ok: false, reason: 'not-dm-push', detail: `content type ${push.contentType}` };
    if (push.applicationId !== undefined && push.applicationId !== DM_APPLICATION_ID)
      return { ok: false, reason: 'not-dm-push', detail: `application id ${push.applicationId}` };
    return { ok: true, bytes: push.body };
  } catch (error) {
    return { ok: false, reason: 'malformed', detail: (error as Error).message };
  }
}
