import { AlertCodes, StatusCodes, type Command, type SyncHdr, type SyncMLMessage } from '@dms/syncml';
import { headerStatus, statusFor, UNNUMBERED } from './status.builder';

/** Statuses for every command of a message that is not executed (auth failure, expired session). Status and Results get none. */
export function notExecutedStatuses(commands: readonly Command[], msgId: string): Command[] {
  return commands.filter((c) => c.kind !== 'Status' && c.kind !== 'Results' && (c.kind !== 'Search' && c.kind !== 'Unknown' ? true : c.cmdId !== undefined)).map((c) => statusFor(c, msgId, StatusCodes.notExecuted));
}

export const numbered = (commands: readonly Command[]): Command[] => commands.map((c, i) => (c.kind === 'Search' || c.kind === 'Unknown' ? c : { ...c, cmdId: String(i + 1) }));

/** Alert 1222 (DM 1.2 protocol 2.1): "send me the next message of your package". */
export const nextMessageAlert = (): Command => ({ kind: 'Alert', cmdId: UNNUMBERED, data: AlertCodes.dmNextMessage, items: [] });

/**
 * A message that belongs to no live session and does not start one (it came after the
 * session expired, or with an unknown token): Status 408 for its SyncHdr, 215 for its
 * commands, and Alert 1223 (session abort, protocol 2.3.1) with Final, so the handset
 * stops and starts a new session later instead of retrying this one.
 */
export function sessionGoneAnswer(server: SyncHdr, client: SyncMLMessage): SyncMLMessage {
  const commands = [headerStatus(client.hdr, StatusCodes.requestTimeout), ...notExecutedStatuses(client.body.commands, client.hdr.msgId), { kind: 'Alert' as const, cmdId: UNNUMBERED, data: AlertCodes.sessionAbort, items: [] }];
  return { hdr: server, body: { commands: numbered(commands), final: true } };
}

/** A DM version other than 1.2 (fact sheet checklist 9): 513 for the SyncHdr, commands not executed. */
export function versionNotSupportedAnswer(server: SyncHdr, client: SyncMLMessage): SyncMLMessage {
  const commands = [headerStatus(client.hdr, StatusCodes.protocolVersionNotSupported), ...notExecutedStatuses(client.body.commands, client.hdr.msgId)];
  return { hdr: server, body: { commands: numbered(commands), final: true } };
}

const field = (xml: string, path: RegExp): string | undefined => path.exec(xml)?.[1]?.trim();

/**
 * An XML body that does not decode: when SessionID, MsgID, Target and Source can still be
 * read, answer Status 400 for that SyncHdr (HTTP 200, protocol-correct). Otherwise there is
 * no header to answer and the caller gives HTTP 400 without SyncML.
 */
export function badRequestAnswerFromText(text: string, serverUri: string): SyncMLMessage | undefined {
  const sessionId = field(text, /<SessionID>([^<]{1,64})<\/SessionID>/);
  const msgId = field(text, /<MsgID>([^<]{1,16})<\/MsgID>/);
  const target = field(text, /<Target>\s*<LocURI>([^<]{1,512})<\/LocURI>/);
  const source = field(text, /<Source>\s*<LocURI>([^<]{1,512})<\/LocURI>/);
  if (sessionId === undefined || msgId === undefined || target === undefined || source === undefined) return undefined;
  const client: SyncHdr = { verDTD: '1.2', verProto: 'DM/1.2', sessionId, msgId, target: { locURI: target }, source: { locURI: source } };
  const hdr: SyncHdr = { verDTD: '1.2', verProto: 'DM/1.2', sessionId, msgId: '1', target: { locURI: source }, source: { locURI: serverUri } };
  return { hdr, body: { commands: numbered([headerStatus(client, StatusCodes.badRequest)]), final: true } };
}
