import { basicCredential, decodeMessage, encodeMessage, type Command, type SyncMLMessage } from '@dms/syncml';

/** A hand-written Package 1 with basic credentials, for tests that need exact control over the bytes. */
export function package1(deviceId: string, username: string, password: string, opts: { sessionId?: string; msgId?: string; commands?: Command[]; final?: boolean; serverUrl?: string } = {}): SyncMLMessage {
  return {
    hdr: {
      verDTD: '1.2',
      verProto: 'DM/1.2',
      sessionId: opts.sessionId ?? '42',
      msgId: opts.msgId ?? '1',
      target: { locURI: opts.serverUrl ?? 'http://dm.test/dm' },
      source: { locURI: deviceId },
      cred: { meta: { type: 'syncml:auth-basic', format: 'b64' }, data: basicCredential(username, password) },
      meta: { maxMsgSize: 16_000 },
    },
    body: {
      commands: opts.commands ?? [
        { kind: 'Alert', cmdId: '1', data: 1201, items: [] },
        { kind: 'Replace', cmdId: '2', items: [{ source: { locURI: './DevInfo/DevId' }, data: deviceId }, { source: { locURI: './DevInfo/Man' }, data: 'Acme' }, { source: { locURI: './DevInfo/Mod' }, data: 'X1' }, { source: { locURI: './DevInfo/DmV' }, data: '1.2' }] },
      ],
      final: opts.final ?? true,
    },
  };
}

export interface RawAnswer {
  status: number;
  contentType: string;
  bytes: Uint8Array;
  message?: SyncMLMessage;
}

export async function post(url: string, body: Uint8Array | string, contentType = 'application/vnd.syncml.dm+xml'): Promise<RawAnswer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : Buffer.from(body) });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  const message = res.status === 200 && bytes.byteLength > 0 ? decodeMessage(bytes, { contentType: type }).message : undefined;
  return { status: res.status, contentType: type, bytes, ...(message === undefined ? {} : { message }) };
}

export const postMessage = (url: string, message: SyncMLMessage, encoding: 'xml' | 'wbxml' = 'xml'): Promise<RawAnswer> =>
  post(url, encodeMessage(message, encoding), `application/vnd.syncml.dm+${encoding}`);

/** Data of the Status for the SyncHdr, and every other Status as `Cmd:code`. */
export function statusesOf(message: SyncMLMessage | undefined): { header?: number; others: string[] } {
  const statuses = (message?.body.commands ?? []).filter((c) => c.kind === 'Status');
  const header = statuses.find((s) => s.kind === 'Status' && s.cmd === 'SyncHdr');
  return { ...(header?.kind === 'Status' ? { header: header.data } : {}), others: statuses.filter((s) => s !== header).map((s) => (s.kind === 'Status' ? `${s.cmd}:${s.data}` : '')) };
}
