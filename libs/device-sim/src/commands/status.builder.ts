import type { Command, Item, ResultsCommand, StatusCommand } from '@dms/syncml';

/** Placeholder: CmdIDs of responses are numbered per message when the message is built (DM 1.2 2.2). */
export const UNNUMBERED = '';

export interface StatusExtras {
  readonly targetRefs?: readonly string[];
  readonly sourceRefs?: readonly string[];
  readonly items?: readonly Item[];
}

/** Status for a command (RepPro 1.2 6.5): MsgRef = message that carried it, CmdRef = its CmdID, Cmd = its name. */
export function statusFor(
  command: Command,
  msgRef: string,
  code: number,
  extras: StatusExtras = {},
): StatusCommand {
  return {
    kind: 'Status',
    cmdId: UNNUMBERED,
    msgRef,
    cmdRef: ('cmdId' in command ? command.cmdId : undefined) ?? '',
    cmd: command.kind === 'Unknown' || command.kind === 'Search' ? command.element.name : command.kind,
    targetRefs: extras.targetRefs ?? [],
    sourceRefs: extras.sourceRefs ?? [],
    data: code,
    items: extras.items ?? [],
  };
}

export function resultsFor(
  command: Command & { cmdId: string },
  msgRef: string,
  items: readonly Item[],
): ResultsCommand {
  return {
    kind: 'Results',
    cmdId: UNNUMBERED,
    msgRef,
    cmdRef: command.cmdId,
    targetRefs: [],
    sourceRefs: [],
    items,
  };
}
