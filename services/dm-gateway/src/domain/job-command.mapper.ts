import type { DmCommand, UserInteraction } from '@dms/contracts';
import type { AlertCommand, Command, Item } from '@dms/syncml';

/** Assigns CmdIDs within one message (unique per message, DM 1.2 protocol 2.2.2) and remembers what each one is for. */
export class CmdIdCounter {
  readonly sent: [string, string][] = [];
  constructor(
    private readonly msgId: number,
    private next: number,
  ) {}

  take(path: string | undefined): string {
    const id = String(this.next++);
    if (path !== undefined) this.sent.push([`${this.msgId}:${id}`, path]);
    return id;
  }

  get value(): number {
    return this.next;
  }
}

function itemOf(command: DmCommand): Item {
  const meta = command.format !== undefined || command.type !== undefined ? { ...(command.format === undefined ? {} : { format: command.format }), ...(command.type === undefined ? {} : { type: command.type }) } : undefined;
  return {
    ...(command.target === undefined ? {} : { target: { locURI: command.target } }),
    ...(command.source === undefined ? {} : { source: { locURI: command.source } }),
    ...(meta === undefined ? {} : { meta }),
    ...(command.data === undefined ? {} : { data: command.data }),
  };
}

/**
 * A job command as the SyncML command the handset receives (RepPro 6.6). Exec carries a
 * Correlator `<jobId>:<path>` so the Generic Alert reporting its outcome names the job.
 */
export function toSyncmlCommand(command: DmCommand, path: string, jobId: string, ids: CmdIdCounter): Command {
  const cmdId = ids.take(path);
  switch (command.verb) {
    case 'Atomic':
    case 'Sequence':
      return { kind: command.verb, cmdId, commands: (command.children ?? []).map((child, i) => toSyncmlCommand(child, `${path}.${i}`, jobId, ids)) };
    case 'Exec':
      return { kind: 'Exec', cmdId, correlator: `${jobId}:${path}`, items: [itemOf(command)] };
    case 'Get':
    case 'Delete':
      return { kind: command.verb, cmdId, items: [{ target: { locURI: command.target ?? '' } }] };
    case 'Replace':
    case 'Add':
    case 'Copy':
      return { kind: command.verb, cmdId, items: [itemOf(command)] };
    default: {
      const unknown: never = command.verb;
      return unknown;
    }
  }
}

/**
 * User-interaction alert (DM 1.2 protocol 2.5): Item 1 = options (MINDT, MAXDT, DR, MAXLEN,
 * IT, ET as a query string), Item 2 = the text, Items 3.. = choices.
 */
export function uiAlertCommand(ui: UserInteraction, cmdId: string): AlertCommand {
  const options = new URLSearchParams();
  if (ui.minDisplaySeconds !== undefined) options.set('MINDT', String(ui.minDisplaySeconds));
  if (ui.maxDisplaySeconds !== undefined) options.set('MAXDT', String(ui.maxDisplaySeconds));
  if (ui.defaultResponse !== undefined) options.set('DR', ui.defaultResponse);
  if (ui.maxLength !== undefined) options.set('MAXLEN', String(ui.maxLength));
  if (ui.inputType !== undefined) options.set('IT', ui.inputType);
  if (ui.echoType !== undefined) options.set('ET', ui.echoType);
  return { kind: 'Alert', cmdId, data: ui.code, items: [{ data: options.toString() }, { data: ui.text }, ...(ui.choices ?? []).map((c) => ({ data: c }))] };
}
