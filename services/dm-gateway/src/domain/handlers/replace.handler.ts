import { StatusCodes, type ItemCommand } from '@dms/syncml';
import { statusFor } from '../status.builder';
import type { MessageContext } from './message-context';

const devInfoLeaves = ['Man', 'Mod', 'DmV', 'Lang'] as const;

/**
 * Replace from the handset: only ./DevInfo is allowed (Package 1, DM 1.2 protocol 2.3.3:
 * "the client may only send Replace (DevInfo), Results, Alert"); other targets get 405.
 */
export function handleClientReplace(command: ItemCommand, ctx: MessageContext): void {
  const values = new Map<string, string>();
  for (const item of command.items) {
    const uri = item.source?.locURI ?? item.target?.locURI ?? '';
    if (!uri.startsWith('./DevInfo/')) {
      ctx.statuses.push(statusFor(command, ctx.msgId, StatusCodes.commandNotAllowed));
      return;
    }
    values.set(uri.slice('./DevInfo/'.length), typeof item.data === 'string' ? item.data : '');
  }
  const di = devInfoLeaves.map((leaf) => values.get(leaf) ?? ctx.state.di?.[devInfoLeaves.indexOf(leaf)] ?? '');
  ctx.state.di = [di[0] ?? '', di[1] ?? '', di[2] ?? '', di[3] ?? ''];
  ctx.devInfoSeen = true;
  ctx.statuses.push(statusFor(command, ctx.msgId, StatusCodes.ok));
}
