import type { DmCommand } from '@dms/contracts';
import { portOf, type BootstrapAccount } from './dm-bootstrap.account';

export interface DmAccPlacement {
  /** Name of <x> under the DMAcc root. Default: the ServerID with characters outside [A-Za-z0-9_-] dropped. */
  readonly accountName?: string;
  /** Default ./DMAcc (DM 1.2); a Windows handset keeps it under ./SyncML/DMAcc. */
  readonly dmAccRoot?: string;
}

const node = (target: string): DmCommand => ({ verb: 'Add', target, format: 'node' });
const leaf = (target: string, data: string): DmCommand => ({ verb: 'Add', target, format: 'chr', data });

/**
 * The DM-profile bootstrap as a plain list of Adds (management-objects.md 3; DM 1.2 StdObj
 * DMAcc): every interior node explicitly (Format node), then the leaves. AppAuth children are
 * named after their level (CLCRED, SRVCRED) as Windows does; AAuthData is bin on the device,
 * so it travels as Format b64. Usable as DmCommand[] of a job, or for a WBXML DM bootstrap message.
 */
export function dmAccAddCommands(
  { server, credentials }: BootstrapAccount,
  placement: DmAccPlacement = {},
): DmCommand[] {
  const x = `${placement.dmAccRoot ?? './DMAcc'}/${placement.accountName ?? (server.serverId.replace(/[^A-Za-z0-9_-]/g, '') || 'dms')}`;
  const type = server.authType ?? 'DIGEST';
  const port = portOf(server.url);
  const commands: DmCommand[] = [
    node(x),
    leaf(`${x}/AppID`, 'w7'),
    leaf(`${x}/ServerID`, server.serverId),
    leaf(`${x}/Name`, server.name),
    node(`${x}/AppAddr`),
    node(`${x}/AppAddr/1`),
    leaf(`${x}/AppAddr/1/Addr`, server.url),
    leaf(`${x}/AppAddr/1/AddrType`, 'URI'),
  ];
  if (port !== undefined)
    commands.push(
      node(`${x}/AppAddr/1/Port`),
      node(`${x}/AppAddr/1/Port/1`),
      leaf(`${x}/AppAddr/1/Port/1/PortNbr`, port),
    );
  commands.push(leaf(`${x}/AAuthPref`, type), node(`${x}/AppAuth`));
  const levels = [
    ['CLCRED', credentials.clientUsername, credentials.clientPassword, credentials.clientNonce],
    ['SRVCRED', server.serverId, credentials.serverPassword, credentials.serverNonce],
  ] as const;
  for (const [level, name, secret, nonce] of levels) {
    const y = `${x}/AppAuth/${level}`;
    commands.push(
      node(y),
      leaf(`${y}/AAuthLevel`, level),
      leaf(`${y}/AAuthType`, type),
      leaf(`${y}/AAuthName`, name),
      leaf(`${y}/AAuthSecret`, secret),
      { verb: 'Add', target: `${y}/AAuthData`, format: 'b64', data: nonce },
    );
  }
  return commands;
}
