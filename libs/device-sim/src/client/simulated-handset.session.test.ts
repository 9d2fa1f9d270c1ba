import {
  basicCredential,
  md5Credential,
  nonceFromB64,
  type ItemCommand,
  type ResultsCommand,
  type StatusCommand,
} from '@dms/syncml';
import type { HandsetAuthOptions, HandsetOptions } from './handset.options';
import { SimulatedHandset } from './simulated-handset';
import {
  commandsOf,
  credOf,
  md5Chal,
  testAuth,
  TinyDmServer,
  type TinyHandler,
} from './tiny-dm-server.fixture';

let server: TinyDmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(handler: TinyHandler): Promise<TinyDmServer> {
  server = await TinyDmServer.start(handler);
  return server;
}

function handset(
  s: TinyDmServer,
  options: Partial<HandsetOptions> = {},
  auth: Partial<HandsetAuthOptions> = {},
): SimulatedHandset {
  return new SimulatedHandset({
    deviceId: 'IMEI:356938035643809',
    family: 'oma-standard',
    encoding: 'xml',
    serverUrl: s.url,
    auth: { ...testAuth, ...auth },
    ...options,
  });
}

const get = (uri: string): ItemCommand => ({ kind: 'Get', cmdId: '0', items: [{ target: { locURI: uri } }] });

/** Package 2 with one Get, then a status-only Final message. */
const oneGet: TinyHandler = (req, s) => {
  const msg = req.message;
  if (msg === undefined) return { status: 400 };
  return s.requests.length === 1
    ? { message: s.reply(msg, [get('./DevDetail/FwV')], { hdrCode: 212 }) }
    : { message: s.reply(msg, [], { statusCode: 200 }) };
};

describe.each(['xml', 'wbxml'] as const)('a client-initiated session in %s', (encoding) => {
  it('sends Package 1, answers the Get with Status and Results, and ends on a status-only Final', async () => {
    const s = await start(oneGet);
    const report = await handset(s, { encoding }).startSession({ reason: 'client' });
    expect(report).toMatchObject({
      outcome: 'completed',
      messagesSent: 2,
      messagesReceived: 2,
      authOutcome: 'accepted',
      httpStatuses: [200, 200],
    });
    expect(report.commandsExecuted).toEqual([{ verb: 'Get', target: './DevDetail/FwV', status: 200 }]);
    const [pkg1, pkg3] = s.requests;
    expect(pkg1?.headers['content-type']).toBe(`application/vnd.syncml.dm+${encoding}`);
    expect(pkg1?.message?.hdr).toMatchObject({
      verProto: 'DM/1.2',
      msgId: '1',
      source: { locURI: 'IMEI:356938035643809' },
      meta: { maxMsgSize: 16000 },
    });
    expect(credOf(pkg1!)).toEqual({
      meta: { type: 'syncml:auth-basic', format: 'b64' },
      data: basicCredential('dmclient01', 'clientSecret'),
    });
    expect(commandsOf(pkg1, 'Alert')).toEqual([expect.objectContaining({ data: 1201 })]);
    const devInfo = commandsOf(pkg1, 'Replace')[0] as ItemCommand;
    expect(devInfo.items.map((i) => [i.source?.locURI, i.data])).toEqual([
      ['./DevInfo/DevId', 'IMEI:356938035643809'],
      ['./DevInfo/Man', 'Acme'],
      ['./DevInfo/Mod', 'AcmePhone 1'],
      ['./DevInfo/DmV', '1.2'],
      ['./DevInfo/Lang', 'en-US'],
    ]);
    expect(pkg1?.message?.body.final).toBe(true);
    const [hdrStatus, getStatus, results] = commandsOf(pkg3) as [
      StatusCommand,
      StatusCommand,
      ResultsCommand,
    ];
    expect(hdrStatus).toMatchObject({ cmd: 'SyncHdr', cmdRef: '0', msgRef: '1', data: 200 });
    expect(getStatus).toMatchObject({ cmd: 'Get', cmdRef: '4', data: 200 });
    expect(results).toMatchObject({
      cmdRef: '4',
      items: [{ source: { locURI: './DevDetail/FwV' }, data: '1.0.0' }],
    });
    expect(pkg3?.message?.hdr.cred).toBeUndefined(); // 212: authenticated for the whole session
    expect(pkg3?.message?.hdr.sessionId).toBe(pkg1?.message?.hdr.sessionId);
  });
});

describe('authentication', () => {
  it('retries Package 1 with the nonce of a 401 challenge and keeps the NextNonce for the next session', async () => {
    const first = 'AQIDBAUGBwgJCgsMDQ4PEA==';
    const next = 'ERERERERERERERERERERERE=';
    const s = await start((req, srv) => {
      const msg = req.message!;
      const good = credOf(req)?.data === md5Credential('dmclient01', 'clientSecret', nonceFromB64(first));
      return {
        message: good
          ? srv.reply(msg, [], { hdrCode: 212, chal: md5Chal(next) })
          : srv.reply(msg, [], { hdrCode: 401, chal: md5Chal(first) }),
      };
    });
    const phone = handset(s, {}, { scheme: 'md5' });
    const report = await phone.startSession({ reason: 'client' });
    expect(report).toMatchObject({
      outcome: 'completed',
      authRetries: 1,
      authOutcome: 'accepted',
      messagesSent: 2,
    });
    const retry = s.requests[1]!;
    expect(retry.message?.hdr).toMatchObject({ msgId: '2', source: { locName: 'dmclient01' } });
    expect(commandsOf(retry).map((c) => c.kind)).toEqual(['Status', 'Alert', 'Replace']);
    expect(phone.tree.value(`${phone.accountUri}/AppAuth/CLCRED/AAuthData`)).toEqual(
      nonceFromB64(next).bytes,
    );
  });

  it('gives up with auth-failed after the configured retries', async () => {
    const s = await start((req, srv) => ({
      message: srv.reply(req.message!, [], { hdrCode: 401, chal: md5Chal('AAAA') }),
    }));
    const report = await handset(s, { maxAuthRetries: 1 }, { scheme: 'md5' }).startSession({
      reason: 'client',
    });
    expect(report).toMatchObject({
      outcome: 'auth-failed',
      authOutcome: 'rejected',
      authRetries: 2,
      messagesSent: 2,
    });
  });

  it('authenticates the server: a right md5 Cred gets 212, a wrong one 401 with a Chal and its commands are refused', async () => {
    const serverNonce = 'Dx4tPEtaaXiHlqW0w9Lh8A==';
    const good = md5Credential('com.example.dms', 'serverSecret', nonceFromB64(serverNonce));
    for (const [cred, expected] of [
      [good, 212],
      ['bm9wZQ==', 401],
    ] as const) {
      const s = await start((req, srv) => {
        const msg = req.message!;
        if (srv.requests.length > 1) return { message: srv.reply(msg, []) };
        return {
          message: srv.reply(msg, [get('./DevInfo/Mod')], {
            hdr: { cred: { meta: { type: 'syncml:auth-md5', format: 'b64' }, data: cred } },
          }),
        };
      });
      const phone = handset(s, {}, { scheme: 'md5', verifyServer: true, serverNonce });
      const report = await phone.startSession({ reason: 'client' });
      const answer = commandsOf(s.requests[1]) as StatusCommand[];
      expect(answer[0]).toMatchObject({ cmd: 'SyncHdr', data: expected });
      expect(answer[1]).toMatchObject({ cmd: 'Get', data: expected === 212 ? 200 : 401 });
      if (expected === 401) {
        expect(answer[0]?.chal?.meta).toMatchObject({ type: 'syncml:auth-md5', format: 'b64' });
        expect(report.commandsExecuted).toEqual([]);
        expect(commandsOf(s.requests[1], 'Results')).toEqual([]);
      }
      await s.close();
      server = undefined;
    }
  });

  it('sends x-syncml-hmac instead of Cred and uses each NextNonce for the next message', async () => {
    const nonces = ['AQIDBA==', 'BQYHCA=='];
    const { verifyHmacHeader } = await import('@dms/syncml');
    const verdicts: boolean[] = [];
    const s = await start((req, srv) => {
      const nonce = nonceFromB64(nonces[srv.requests.length - 1] ?? 'AA==');
      const header = String(req.headers['x-syncml-hmac'] ?? '');
      verdicts.push(
        verifyHmacHeader(header, req.body, { lookup: () => ({ password: 'clientSecret' }), nonce }).valid,
      );
      const next = md5Chal(nonces[srv.requests.length] ?? 'AA==', 'syncml:auth-MAC');
      return {
        message: srv.reply(req.message!, srv.requests.length === 1 ? [get('./DevInfo/Lang')] : [], {
          chal: next,
        }),
      };
    });
    const report = await handset(s, {}, { scheme: 'hmac', clientNonce: nonces[0] }).startSession({
      reason: 'client',
    });
    expect(report.outcome).toBe('completed');
    expect(verdicts).toEqual([true, true]);
    expect(s.requests.every((r) => r.message?.hdr.cred === undefined)).toBe(true);
  });
});

describe('server authentication with HMAC', () => {
  it('accepts a server whose x-syncml-hmac verifies with the SRVCRED secret and nonce, and refuses one that does not', async () => {
    const { hmacHeader } = await import('@dms/syncml');
    const { encodeMessage } = await import('@dms/syncml');
    const serverNonce = nonceFromB64('CQgHBg==');
    for (const [secret, expected] of [
      ['serverSecret', 200],
      ['other', 401],
    ] as const) {
      // A hand-written server: the header must be computed over the exact response bytes.
      const { createServer } = await import('node:http');
      const { decodeMessage } = await import('@dms/syncml');
      const bodies: Uint8Array[] = [];
      let count = 0;
      const http = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = new Uint8Array(Buffer.concat(chunks));
          bodies.push(body);
          const msg = decodeMessage(body).message;
          count += 1;
          const reply = {
            hdr: {
              verDTD: '1.2',
              verProto: 'DM/1.2',
              sessionId: msg.hdr.sessionId,
              msgId: String(count),
              target: msg.hdr.source,
              source: { locURI: 'srv' },
            },
            body: {
              commands: [
                {
                  kind: 'Status' as const,
                  cmdId: '1',
                  msgRef: msg.hdr.msgId,
                  cmdRef: '0',
                  cmd: 'SyncHdr',
                  targetRefs: [],
                  sourceRefs: [],
                  data: 200,
                  items: [],
                  chal: md5Chal('AQID', 'syncml:auth-MAC'),
                },
                ...(count === 1 ? [{ ...get('./DevInfo/Mod'), cmdId: '2' }] : []),
              ],
              final: true,
            },
          };
          const out = encodeMessage(reply, 'xml');
          res
            .writeHead(200, {
              'content-type': 'application/vnd.syncml.dm+xml',
              'x-syncml-hmac': hmacHeader('com.example.dms', secret, serverNonce, out),
            })
            .end(out);
        });
      });
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      const port = (http.address() as { port: number }).port;
      const phone = new SimulatedHandset({
        deviceId: 'IMEI:1',
        family: 'oma-standard',
        encoding: 'xml',
        serverUrl: `http://127.0.0.1:${port}/dm`,
        auth: { ...testAuth, scheme: 'hmac', verifyServer: true, serverNonce: serverNonce.b64 },
      });
      const report = await phone.startSession({ reason: 'client' });
      http.close();
      const answer = decodeMessage(bodies[1]!).message.body.commands as StatusCommand[];
      expect(answer[0]).toMatchObject({ cmd: 'SyncHdr', data: expected });
      expect(answer[1]).toMatchObject({ cmd: 'Get', data: expected === 200 ? 200 : 401 });
      expect(report.commandsExecuted).toHaveLength(expected === 200 ? 1 : 0);
    }
  });
});

describe('session flow', () => {
  it('follows RespURI for the next message', async () => {
    const s = await start((req, srv) => ({
      message:
        srv.requests.length === 1
          ? srv.reply(req.message!, [get('./DevInfo/Man')], { hdr: { respURI: `${srv.url}?s=abc123` } })
          : srv.reply(req.message!, []),
    }));
    await handset(s).startSession({ reason: 'client' });
    expect(s.requests.map((r) => r.url)).toEqual(['/dm', '/dm?s=abc123']);
  });

  it('answers a message without Final with statuses and Alert 1222, no Final, then the rest of the package', async () => {
    const s = await start((req, srv) => {
      const n = srv.requests.length;
      if (n === 1) return { message: srv.reply(req.message!, [get('./DevInfo/Man')], { final: false }) };
      if (n === 2) return { message: srv.reply(req.message!, [get('./DevInfo/Mod')]) };
      return { message: srv.reply(req.message!, []) };
    });
    const report = await handset(s).startSession({ reason: 'client' });
    expect(report.outcome).toBe('completed');
    const second = s.requests[1]!.message!;
    expect(second.body.final).toBe(false);
    expect(second.body.commands.map((c) => (c.kind === 'Alert' ? `Alert ${c.data}` : c.kind))).toEqual([
      'Status',
      'Status',
      'Results',
      'Alert 1222',
    ]);
    expect(s.requests[2]!.message!.body.final).toBe(true);
    expect(report.commandsExecuted.map((c) => c.target)).toEqual(['./DevInfo/Man', './DevInfo/Mod']);
  });

  it('ends with aborted-by-server on Alert 1223 and reports an HTTP error status', async () => {
    const s = await start((req, srv) => ({
      message: srv.reply(req.message!, [{ kind: 'Alert', cmdId: '0', data: 1223, items: [] }]),
    }));
    expect((await handset(s).startSession({ reason: 'client' })).outcome).toBe('aborted-by-server');
    const t = await TinyDmServer.start(() => ({ status: 503 }));
    const report = await handset(t).startSession({ reason: 'client' });
    await t.close();
    expect(report).toMatchObject({ outcome: 'http-error', httpStatuses: [503] });
  });
});
