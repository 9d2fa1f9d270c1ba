import { createHmac } from 'node:crypto';
import { userHashB64 } from '@dms/syncml';

export type DmAuthType = 'basic' | 'md5' | 'hmac';

/**
 * The server's view of one handset's DM account (DMAcc: CLCRED + SRVCRED, oma-dm-1.2.md 11).
 * The client password is never kept: basic, md5 and HMAC can all be checked against
 * B64(MD5(username:password)) (DM 1.2 security 5.1.3.2). The server password must be kept:
 * the gateway computes its own credential from it.
 */
export interface DmAccount {
  readonly deviceId: string;
  readonly username: string;
  readonly userHash: string;
  readonly authType: DmAuthType;
  readonly serverId: string;
  readonly serverPassword: string;
  readonly source: 'stored' | 'derived';
}

/** What the REST API returns: no secret, no hash. */
export interface DmAccountView {
  readonly deviceId: string;
  readonly username: string;
  readonly authType: DmAuthType;
  readonly serverId: string;
  readonly source: 'stored' | 'derived';
}

export function accountView(account: DmAccount): DmAccountView {
  const { deviceId, username, authType, serverId, source } = account;
  return { deviceId, username, authType, serverId, source };
}

export interface DerivationSettings {
  readonly masterSecret: string;
  readonly serverId: string;
  readonly authType: DmAuthType;
}

const derive = (master: string, label: string, deviceId: string): string =>
  createHmac('sha256', master).update(`${label}:${deviceId}`).digest('base64url');

/** The client password provisioned on a handset whose account is derived: HMAC-SHA256(master, "client:" deviceId). */
export function derivedClientPassword(masterSecret: string, deviceId: string): string {
  return derive(masterSecret, 'client', deviceId);
}

export function derivedServerPassword(masterSecret: string, deviceId: string): string {
  return derive(masterSecret, 'server', deviceId);
}

/** An account computed from the operator master secret and the device id; the user name is the device id. */
export function derivedAccount(deviceId: string, settings: DerivationSettings): DmAccount {
  return {
    deviceId,
    username: deviceId,
    userHash: userHashB64(deviceId, derivedClientPassword(settings.masterSecret, deviceId)),
    authType: settings.authType,
    serverId: settings.serverId,
    serverPassword: derivedServerPassword(settings.masterSecret, deviceId),
    source: 'derived',
  };
}
