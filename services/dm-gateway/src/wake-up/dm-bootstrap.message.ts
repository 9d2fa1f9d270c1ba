import type { DmCommand } from '@dms/contracts';
import { encodeMessage, type SyncMLMessage } from '@dms/syncml';
import { CmdIdCounter, toSyncmlCommand } from '../domain/job-command.mapper';

/**
 * The DM-profile bootstrap as a DM message (OMA DM 1.2 bootstrap 5.1.7.2; notification-bootstrap.md
 * 3.2): always WBXML, SyncHdr addressed to the device, the Adds in SyncBody, Final. The handset
 * sends no response to it. Session and message ids are not used for a session.
 */
export function dmBootstrapMessage(
  commands: readonly DmCommand[],
  address: { readonly deviceId: string; readonly serverId: string },
): Uint8Array {
  const ids = new CmdIdCounter(1, 1);
  const message: SyncMLMessage = {
    hdr: {
      verDTD: '1.2',
      verProto: 'DM/1.2',
      sessionId: '0',
      msgId: '1',
      target: { locURI: address.deviceId },
      source: { locURI: address.serverId },
    },
    body: {
      commands: commands.map((command, i) => toSyncmlCommand(command, String(i), 'bootstrap', ids)),
      final: true,
    },
  };
  return encodeMessage(message, 'wbxml');
}
