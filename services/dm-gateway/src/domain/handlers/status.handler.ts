import { StatusCodes, type StatusCommand } from '@dms/syncml';
import type { DmResultItem } from '@dms/contracts';
import type { MessageContext } from './message-context';

export const UI_PATH = 'ui';

/**
 * Status from the handset. For our SyncHdr it says whether our credential was accepted
 * (and a Chal may carry the nonce for our next digest, handled by the authenticator).
 * For our commands it is the job's answer; 213 only acknowledges a large-object chunk.
 * Statuses are never answered with a Status.
 */
export function handleStatus(command: StatusCommand, ctx: MessageContext): void {
  if (command.cmd === 'SyncHdr') {
    if (command.data === StatusCodes.authenticationAccepted || command.data === StatusCodes.ok) ctx.state.so = 1;
    return;
  }
  const path = ctx.takeOutstanding(command.msgRef, command.cmdRef);
  if (path === undefined) return;
  if (path === UI_PATH) {
    ctx.uiStatus = command.data;
    // OMA DM 1.2 protocol 2.5 / RepPro 6.6.1: the typed text or chosen indices come back as the Status Items.
    ctx.uiItems = command.items.map(uiItem);
    return;
  }
  ctx.state.cx += 1;
  if (command.data === StatusCodes.chunkedItemAccepted) return;
  ctx.answer(path, { status: command.data });
}

function uiItem(item: StatusCommand['items'][number]): DmResultItem {
  const data = item.data;
  if (typeof data === 'string') return { data };
  if (data instanceof Uint8Array) return { data: Buffer.from(data).toString('utf8') };
  return {};
}
