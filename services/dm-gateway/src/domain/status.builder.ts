import type { Command, Item, StatusCommand, SyncHdr } from '@dms/syncml';

/** CmdIDs are assigned when the message is numbered (outgoing-message.ts); this marks "not yet". */
export const UNNUMBERED = '0';

/** Status for one received command (RepPro: MsgRef = the peer's MsgID, CmdRef = its CmdID, Cmd = its element name). */
export function statusFor(
  command: Command,
  msgRef: string,
  code: number,
  extra: { targetRefs?: string[]; sourceRefs?: string[]; items?: Item[] } = {},
): StatusCommand {
  const cmdRef = command.cmdId ?? '0';
  const cmd = command.kind === 'Unknown' ? (command.element.name ?? 'Unknown') : command.kind;
  return { kind: 'Status', cmdId: UNNUMBERED, msgRef, cmdRef, cmd, targetRefs: extra.targetRefs ?? [], sourceRefs: extra.sourceRefs ?? [], data: code, items: extra.items ?? [] };
}

/** OMA DM 1.2 protocol 8.3 / fact sheet 2.3: Status for the SyncHdr, CmdRef 0, refs = the header's Target and Source. */
export function headerStatus(hdr: SyncHdr, code: number, chal?: StatusCommand['chal']): StatusCommand {
  return {
    kind: 'Status',
    cmdId: UNNUMBERED,
    msgRef: hdr.msgId,
    cmdRef: '0',
    cmd: 'SyncHdr',
    targetRefs: [hdr.target.locURI],
    sourceRefs: [hdr.source.locURI],
    ...(chal === undefined ? {} : { chal }),
    data: code,
    items: [],
  };
}
