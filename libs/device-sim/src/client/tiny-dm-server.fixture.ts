import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  contentTypeFor,
  decodeMessage,
  encodeMessage,
  type Chal,
  type Command,
  type Cred,
  type StatusCommand,
  type SyncHdr,
  type SyncMLMessage,
} from '@dms/syncml';

/**
 * Test-only: the smallest DM server that lets the handset's tests run over real HTTP on
 * port 0. Each test scripts its answers in a handler; every request is kept (bytes,
 * headers, decoded message or the decode error) for the assertions.
 */
export interface TinyRequest {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Uint8Array;
  readonly encoding: 'xml' | 'wbxml';
  readonly message?: SyncMLMessage;
  readonly decodeError?: string;
}

export type TinyResponse =
  | { readonly message: SyncMLMessage; readonly headers?: Record<string, string> }
  | { readonly status: number };

export type TinyHandler = (req: TinyRequest, server: TinyDmServer) => TinyResponse;

export class TinyDmServer {
  readonly requests: TinyRequest[] = [];
  aborted = 0;
  private msgId = 0;
  private constructor(
    private readonly http: Server,
    readonly url: string,
    private readonly handler: TinyHandler,
  ) {}

  static async start(handler: TinyHandler): Promise<TinyDmServer> {
    const http = createServer();
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const server = new TinyDmServer(
      http,
      `http://127.0.0.1:${(http.address() as AddressInfo).port}/dm`,
      handler,
    );
    http.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('aborted', () => (server.aborted += 1));
      req.on('error', () => undefined);
      req.on('end', () => {
        if (!req.complete) return;
        const body = new Uint8Array(Buffer.concat(chunks));
        const contentType = req.headers['content-type'] ?? '';
        const encoding = contentType.includes('wbxml') ? 'wbxml' : 'xml';
        let tiny: TinyRequest = { url: req.url ?? '', headers: req.headers, body, encoding };
        try {
          tiny = { ...tiny, message: decodeMessage(body, { contentType }).message };
        } catch (error) {
          tiny = { ...tiny, decodeError: (error as Error).message };
        }
        server.requests.push(tiny);
        const answer = server.handler(tiny, server);
        if ('status' in answer) {
          res.writeHead(answer.status).end();
          return;
        }
        const out = encodeMessage(answer.message, encoding);
        res
          .writeHead(200, {
            'content-type': contentTypeFor(answer.message, encoding),
            'content-length': out.byteLength,
            ...answer.headers,
          })
          .end(out);
      });
    });
    return server;
  }

  close(): Promise<void> {
    this.http.closeAllConnections();
    return new Promise((resolve) => this.http.close(() => resolve()));
  }

  /** The server's SyncHdr answering `req` (same SessionID, own MsgID counter, Target = device). */
  header(req: SyncMLMessage, extra: Partial<SyncHdr> = {}): SyncHdr {
    this.msgId += 1;
    return {
      verDTD: '1.2',
      verProto: 'DM/1.2',
      sessionId: req.hdr.sessionId,
      msgId: String(this.msgId),
      target: req.hdr.source,
      source: { locURI: this.url },
      ...extra,
    };
  }

  reply(
    req: SyncMLMessage,
    commands: readonly Command[],
    options: {
      final?: boolean;
      hdr?: Partial<SyncHdr>;
      hdrCode?: number;
      chal?: Chal;
      statusCode?: number;
    } = {},
  ): SyncMLMessage {
    const statuses = [
      hdrStatus(req, options.hdrCode ?? 200, options.chal),
      ...statusesFor(req, options.statusCode ?? 200),
    ];
    const all = [...statuses, ...commands].map((c, i) => ({ ...c, cmdId: String(i + 1) }) as Command);
    return { hdr: this.header(req, options.hdr), body: { commands: all, final: options.final ?? true } };
  }
}

export function hdrStatus(req: SyncMLMessage, code: number, chal?: Chal): StatusCommand {
  return {
    kind: 'Status',
    cmdId: '0',
    msgRef: req.hdr.msgId,
    cmdRef: '0',
    cmd: 'SyncHdr',
    targetRefs: [req.hdr.target.locURI],
    sourceRefs: [req.hdr.source.locURI],
    data: code,
    items: [],
    ...(chal === undefined ? {} : { chal }),
  };
}

/** One Status per client command, none for Results (DM 1.2: no 200 Status for Results). */
export function statusesFor(req: SyncMLMessage, code = 200): StatusCommand[] {
  return req.body.commands
    .filter((c) => c.kind !== 'Status' && c.kind !== 'Results' && 'cmdId' in c)
    .map((c) => ({
      kind: 'Status',
      cmdId: '0',
      msgRef: req.hdr.msgId,
      cmdRef: (c as { cmdId: string }).cmdId,
      cmd: c.kind,
      targetRefs: [],
      sourceRefs: [],
      data: code,
      items: [],
    }));
}

export const md5Chal = (nextNonce: string, type = 'syncml:auth-md5'): Chal => ({
  meta: { type, format: 'b64', nextNonce },
});

export function credOf(req: TinyRequest): Cred | undefined {
  return req.message?.hdr.cred;
}

export function commandsOf(req: TinyRequest | undefined, kind?: Command['kind']): Command[] {
  return (req?.message?.body.commands ?? []).filter((c) => kind === undefined || c.kind === kind);
}

export const testAuth = {
  scheme: 'basic',
  username: 'dmclient01',
  password: 'clientSecret',
  serverId: 'com.example.dms',
  serverPassword: 'serverSecret',
} as const;
