import { StatusCodes, type Command } from '@dms/syncml';
import { statusFor } from '../status.builder';
import { handleAlert } from './alert.handler';
import type { MessageContext } from './message-context';
import { handleClientReplace } from './replace.handler';
import { handleResults } from './results.handler';
import { handleStatus } from './status.handler';

/**
 * One handler per SyncML command (STYLE.md 11). The switch is exhaustive over Command['kind']:
 * a new command kind in @dms/syncml fails compilation here until it is handled.
 * Management verbs are server -> client only in DM (fact sheet 4.1): from a client, 405.
 * DS-only and unknown elements: 406 (optional feature not supported).
 */
export async function dispatchCommand(command: Command, ctx: MessageContext): Promise<void> {
  switch (command.kind) {
    case 'Alert':
      return handleAlert(command, ctx);
    case 'Status':
      return handleStatus(command, ctx);
    case 'Results':
      return handleResults(command, ctx);
    case 'Replace':
      return handleClientReplace(command, ctx);
    case 'Add':
    case 'Copy':
    case 'Delete':
    case 'Exec':
    case 'Get':
    case 'Move':
    case 'Put':
      ctx.statuses.push(statusFor(command, ctx.msgId, StatusCodes.commandNotAllowed));
      return;
    case 'Atomic':
    case 'Sequence':
    case 'Map':
    case 'Sync':
      ctx.statuses.push(statusFor(command, ctx.msgId, StatusCodes.optionalFeatureNotSupported));
      return;
    case 'Search':
    case 'Unknown':
      if (command.cmdId !== undefined) ctx.statuses.push(statusFor(command, ctx.msgId, StatusCodes.optionalFeatureNotSupported));
      return;
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}
