import { AlertCodes, type AlertCommand, type Command, type ItemCommand } from '@dms/syncml';
import type { GenericAlert } from '../commands/execution.types';
import { UNNUMBERED } from '../commands/status.builder';
import type { DmTree } from '../tree/dm-tree';

const devInfoLeaves = ['DevId', 'Man', 'Mod', 'DmV', 'Lang'] as const;

/** Alert 1226 with one item: Meta Type and Format are mandatory, Mark optional (DM 1.2 protocol 2.3.7). */
export function genericAlertCommand(alert: GenericAlert): AlertCommand {
  return {
    kind: 'Alert',
    cmdId: UNNUMBERED,
    data: AlertCodes.genericAlert,
    ...(alert.correlator === undefined ? {} : { correlator: alert.correlator }),
    items: [
      {
        ...(alert.source === undefined ? {} : { source: { locURI: alert.source } }),
        ...(alert.target === undefined ? {} : { target: { locURI: alert.target } }),
        meta: {
          type: alert.type,
          format: alert.format,
          ...(alert.mark === undefined ? {} : { mark: alert.mark }),
        },
        data: alert.data,
      },
    ],
  };
}

/**
 * Package 1 (DM 1.2 protocol 2.3.3): Alert 1201 (client) or 1200 (server-initiated), then
 * Replace with one item per ./DevInfo leaf (Format chr, Type text/plain), then any
 * Generic Alerts.
 */
export function buildPackage1(
  tree: DmTree,
  reason: 'client' | 'server',
  alerts: readonly GenericAlert[],
): Command[] {
  const start: AlertCommand = {
    kind: 'Alert',
    cmdId: UNNUMBERED,
    data: reason === 'client' ? AlertCodes.clientInitiatedMgmt : AlertCodes.serverInitiatedMgmt,
    items: [],
  };
  const devInfo: ItemCommand = {
    kind: 'Replace',
    cmdId: UNNUMBERED,
    items: devInfoLeaves.map((leaf) => ({
      source: { locURI: `./DevInfo/${leaf}` },
      meta: { format: 'chr', type: 'text/plain' },
      data: tree.text(`./DevInfo/${leaf}`) ?? '',
    })),
  };
  return [start, devInfo, ...alerts.map(genericAlertCommand)];
}

/** Alert 1222: asks the server for the next message of its package (DM 1.2 protocol 2.1). */
export function nextMessageAlert(serverUri: string, deviceId: string): AlertCommand {
  return {
    kind: 'Alert',
    cmdId: UNNUMBERED,
    data: AlertCodes.dmNextMessage,
    items: [{ target: { locURI: serverUri }, source: { locURI: deviceId } }],
  };
}
