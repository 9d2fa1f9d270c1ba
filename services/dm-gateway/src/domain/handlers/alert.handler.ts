import { AlertCodes, StatusCodes, isUserInteractionAlert, type AlertCommand, type Item } from '@dms/syncml';
import { statusFor } from '../status.builder';
import type { MessageContext, RaisedAlert } from './message-context';

const text = (data: Item['data']): string | undefined =>
  typeof data === 'string' ? data : data instanceof Uint8Array ? Buffer.from(data).toString('base64') : undefined;

const marks = new Set(['fatal', 'critical', 'minor', 'warning', 'informational', 'harmless', 'indeterminate']);

/**
 * Alerts from the handset (OMA DM 1.2 protocol 2.3, fact sheet 9): session start
 * (1200/1201), next message (1222), abort (1223), client event / no end of data / generic
 * alert (1224-1226, forwarded as events). Every client Alert gets a Status (checklist 4).
 */
export function handleAlert(command: AlertCommand, ctx: MessageContext): void {
  const code = command.data;
  switch (code) {
    case AlertCodes.clientInitiatedMgmt:
    case AlertCodes.serverInitiatedMgmt:
      ctx.state.ini = code === AlertCodes.serverInitiatedMgmt ? 's' : 'c';
      break;
    case AlertCodes.dmNextMessage:
      ctx.nextMessageRequested = true;
      break;
    case AlertCodes.sessionAbort:
      ctx.abort = true;
      break;
    case AlertCodes.clientEvent:
    case AlertCodes.dmNoEndOfData:
    case AlertCodes.genericAlert:
      for (const item of command.items.length > 0 ? command.items : [{}]) ctx.alerts.push(raised(code, command, item));
      break;
    default:
      // UI alerts go server -> client only; anything else is not a DM client alert.
      ctx.statuses.push(statusFor(command, ctx.msgId, isUserInteractionAlert(code) ? StatusCodes.commandNotAllowed : StatusCodes.optionalFeatureNotSupported));
      return;
  }
  ctx.statuses.push(statusFor(command, ctx.msgId, StatusCodes.ok));
}

function raised(code: 1224 | 1225 | 1226, command: AlertCommand, item: Item): RaisedAlert {
  const data = text(item.data);
  const mark = item.meta?.mark?.trim().toLowerCase();
  const source = item.source?.locURI ?? item.target?.locURI;
  return {
    code,
    ...(item.meta?.type === undefined ? {} : { type: item.meta.type.trim() }),
    ...(item.meta?.format === undefined ? {} : { format: item.meta.format }),
    ...(source === undefined ? {} : { source }),
    ...(data === undefined ? {} : { data }),
    ...(mark !== undefined && marks.has(mark) ? { mark } : {}),
    ...(command.correlator === undefined ? {} : { correlator: command.correlator }),
  };
}
