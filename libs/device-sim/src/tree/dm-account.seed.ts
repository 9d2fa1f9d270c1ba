import type { DmTree } from './dm-tree';
import { MoIds } from './management-object.codes';

export type AAuthType = 'BASIC' | 'DIGEST' | 'HMAC';

/** One DM server account as a factory bootstrap leaves it (management-objects.md 3). */
export interface DmAccountSeed {
  /** The run-time name `<x>` of ./DMAcc/<x>. */
  readonly name: string;
  readonly serverId: string;
  readonly serverUrl: string;
  readonly authPref: AAuthType;
  readonly clientName: string;
  readonly clientSecret: string;
  /** Base64 nonce the server will expect in the first digest; empty when none was issued yet. */
  readonly clientNonce?: string;
  readonly serverSecret: string;
  /** Base64 nonce this handset gave the server (Package 0 digest, server Cred). */
  readonly serverNonce?: string;
}

/** Names of the AppAuth children; Windows names them after their level, so do we. */
export const AppAuthNames = { client: 'CLCRED', server: 'SRVCRED' } as const;

const secretAccess = ['Add', 'Delete', 'Replace'] as const;

/**
 * DM 1.2 DMAcc layout: ./DMAcc/<x>/{AppID w7, ServerID, Name, AppAddr/1/{Addr, AddrType},
 * AAuthPref, AppAuth/{CLCRED,SRVCRED}/{AAuthLevel, AAuthType, AAuthName, AAuthSecret,
 * AAuthData}}. Secret and nonce have no Get (StdObj 7.1.3.1); AAuthData is `bin`.
 */
export function seedDmAccount(tree: DmTree, root: string, account: DmAccountSeed): void {
  const x = `${root}/${account.name}`;
  tree.setInterior(root);
  tree.setInterior(x, MoIds.dmAcc);
  tree.set(`${x}/AppID`, { value: 'w7' });
  tree.set(`${x}/ServerID`, { value: account.serverId });
  tree.set(`${x}/Name`, { value: `${account.serverId} account` });
  tree.set(`${x}/AppAddr/1/Addr`, { value: account.serverUrl });
  tree.set(`${x}/AppAddr/1/AddrType`, { value: 'URI' });
  tree.set(`${x}/AAuthPref`, { value: account.authPref });
  const levels = [
    [AppAuthNames.client, account.clientName, account.clientSecret, account.clientNonce],
    [AppAuthNames.server, account.serverId, account.serverSecret, account.serverNonce],
  ] as const;
  for (const [level, name, secret, nonce] of levels) {
    const y = `${x}/AppAuth/${level}`;
    tree.set(`${y}/AAuthLevel`, { value: level });
    tree.set(`${y}/AAuthType`, { value: account.authPref });
    tree.set(`${y}/AAuthName`, { value: name });
    tree.set(`${y}/AAuthSecret`, { value: secret, access: secretAccess });
    tree.set(`${y}/AAuthData`, {
      format: 'bin',
      value: new Uint8Array(Buffer.from(nonce ?? '', 'base64')),
      access: secretAccess,
    });
  }
}
