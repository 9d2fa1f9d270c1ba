import { chunkLargeObject, SyncmlEncodeError, encodedSizer, packNextMessage, StatusCodes, type Command, type Item, type SyncHdr, type SyncMLMessage } from '@dms/syncml';
import type { DmCommand } from '@dms/contracts';
import { CmdIdCounter, toSyncmlCommand, uiAlertCommand } from './job-command.mapper';
import { flattenCommands, type Job } from './job.model';
import type { SessionState } from './session-state';
import { UI_PATH } from './handlers/status.handler';

export interface PlannedMessage {
  readonly message: SyncMLMessage;
  /** [msgId:cmdId, path] of the job commands it carries. */
  readonly sent: [string, string][];
  /** Answers the gateway gives itself (413 for an object the handset cannot take). */
  readonly local: [string, number][];
}

const utf8 = new TextEncoder();

/** Leading statuses and job commands numbered from 1 in message order. */
function numberLeading(leading: readonly Command[]): Command[] {
  return leading.map((c, i) => (c.kind === 'Status' ? { ...c, cmdId: String(i + 1) } : c));
}

/**
 * The next server message of a session (DM 1.2 protocol 2.1, 2.2): leading statuses, then
 * the user-interaction alert alone (it gates the job), or as many job commands from `q` as
 * fit in the handset's MaxMsgSize (Final only when all fitted), or the next chunk of a
 * large object (Final only on the last chunk). Objects larger than the handset's
 * MaxObjSize are not sent: they are answered 413 locally. Mutates q, ch, mp of the state.
 */
export function planNextMessage(hdr: SyncHdr, leadingIn: readonly Command[], job: Job | undefined, state: SessionState, encoding: 'xml' | 'wbxml'): PlannedMessage {
  const leading = numberLeading(leadingIn);
  const msgId = Number(hdr.msgId);
  const local: [string, number][] = [];
  const done = (commands: Command[], final: boolean, sent: [string, string][]): PlannedMessage => {
    state.mp = final ? 0 : 1;
    return { message: { hdr, body: { commands: [...leading, ...commands], final } }, sent, local };
  };
  if (job === undefined) return done([], true, []);
  if (state.q === -1 && job.userInteraction !== undefined) {
    const ids = new CmdIdCounter(msgId, leading.length + 1);
    return done([uiAlertCommand(job.userInteraction, ids.take(UI_PATH))], true, ids.sent);
  }
  for (;;) {
    const top = job.commands[state.q];
    if (top === undefined) return done([], true, []);
    if (state.ch !== undefined) return chunkMessage(hdr, leading, job, state, encoding, done);
    if (tooLargeForDevice(top, state)) {
      for (const { path } of flattenCommands([top], '')) local.push([`${state.q}${path.slice(1)}`, StatusCodes.requestEntityTooLarge]);
      state.q += 1;
      continue;
    }
    const ids = new CmdIdCounter(msgId, leading.length + 1);
    const pending = job.commands.slice(state.q).map((c, i) => toSyncmlCommand(c, String(state.q + i), job._id, ids));
    const packed = packOrNothing(hdr, leading, pending, state.mms, encoding);
    const count = packed === undefined ? 0 : pending.length - packed.rest.length;
    if (packed === undefined || count === 0) {
      if (!isChunkable(top)) {
        for (const { path } of flattenCommands([top], '')) local.push([`${state.q}${path.slice(1)}`, StatusCodes.requestEntityTooLarge]);
        state.q += 1;
        continue;
      }
      state.ch = 0;
      continue;
    }
    const lastSentPath = String(state.q + count - 1);
    const sent = ids.sent.filter(([, path]) => Number(path.split('.')[0]) <= Number(lastSentPath));
    state.q += count;
    return done(packed.message.body.commands.slice(leading.length), packed.message.body.final, sent);
  }
}

/** packNextMessage, or undefined when not even the first pending command fits beside the leading statuses. */
function packOrNothing(hdr: SyncHdr, leading: Command[], pending: Command[], maxMsgSize: number, encoding: 'xml' | 'wbxml'): ReturnType<typeof packNextMessage> | undefined {
  try {
    return packNextMessage(hdr, leading, pending, { maxMsgSize, encoding });
  } catch (error) {
    if (error instanceof SyncmlEncodeError && error.code === 'SYNCML_TOO_LARGE') return undefined;
    throw error;
  }
}

function tooLargeForDevice(command: DmCommand, state: SessionState): boolean {
  return state.mos !== undefined && command.data !== undefined && utf8.encode(command.data).byteLength > state.mos;
}

const isChunkable = (command: DmCommand): boolean => (command.verb === 'Replace' || command.verb === 'Add') && command.data !== undefined;

/**
 * Chunk size for a large object: the handset's MaxMsgSize less the encoded size of a
 * message holding the header, three statuses and an empty chunk, less a margin. It depends
 * only on values fixed for the session, so every message cuts the same chunks.
 */
function chunkRoom(hdr: SyncHdr, state: SessionState, encoding: 'xml' | 'wbxml', item: Item): number {
  const status: Command = { kind: 'Status', cmdId: '99', msgRef: '9999', cmdRef: '99', cmd: 'Alert', targetRefs: [], sourceRefs: [], data: 200, items: [] };
  const skeleton: Command = { kind: 'Replace', cmdId: '99', items: [{ ...item, data: '', meta: { ...item.meta, size: 999_999_999 }, moreData: true }] };
  // A Cred rides only until the handset accepted us: size it in always, so every message cuts the same chunks.
  const cred = { meta: { type: 'syncml:auth-basic', format: 'b64' }, data: 'x'.repeat(64) };
  const overhead = encodedSizer(encoding)({ hdr: { ...hdr, msgId: '99999', cred }, body: { commands: [status, status, status, skeleton], final: true } });
  const escapes = encoding === 'xml' && typeof item.data === 'string' && /[&<>\r]/.test(item.data);
  return Math.max(64, Math.floor((state.mms - overhead - 128) / (escapes ? 5 : 1)));
}

function chunkMessage(hdr: SyncHdr, leading: Command[], job: Job, state: SessionState, encoding: 'xml' | 'wbxml', done: (c: Command[], final: boolean, sent: [string, string][]) => PlannedMessage): PlannedMessage {
  const path = String(state.q);
  const ids = new CmdIdCounter(Number(hdr.msgId), leading.length + 1);
  const whole = toSyncmlCommand(job.commands[state.q] as DmCommand, path, job._id, ids);
  if (whole.kind !== 'Replace' && whole.kind !== 'Add') return done([], true, []);
  const item = whole.items[0] as Item;
  const chunks = chunkLargeObject(item, chunkRoom(hdr, state, encoding, item));
  const index = state.ch ?? 0;
  const last = index >= chunks.length - 1;
  if (last) {
    delete state.ch;
    state.q += 1;
  } else state.ch = index + 1;
  return done([{ ...whole, items: [chunks[Math.min(index, chunks.length - 1)] as Item] }], last, ids.sent);
}
