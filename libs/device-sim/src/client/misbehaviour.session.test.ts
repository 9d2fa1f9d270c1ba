import { basicCredential, decodeMessage, md5Credential, nonceFromB64, verifyHmacHeader } from '@dms/syncml';
import type { HandsetAuthOptions, HandsetOptions } from './handset.options';
import { SimulatedHandset } from './simulated-handset';
import { credOf, md5Chal, testAuth, TinyDmServer, type TinyHandler } from './tiny-dm-server.fixture';

let server: TinyDmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(
  handler: TinyHandler,
  options: Partial<HandsetOptions>,
  auth: Partial<HandsetAuthOptions> = {},
) {
  server = await TinyDmServer.start(handler);
  const phone = new SimulatedHandset({
    deviceId: 'IMEI:356938035643809',
    family: 'oma-standard',
    encoding: 'xml',
    serverUrl: server.url,
    auth: { ...testAuth, ...auth },
    ...options,
  });
  return { report: await phone.startSession({ reason: 'client' }), requests: server.requests, server };
}

/** A server that refuses what it cannot decode with HTTP 400 and otherwise ends the session at once. */
const strict: TinyHandler = (req, srv) =>
  req.message === undefined ? { status: 400 } : { message: srv.reply(req.message, []) };

describe('misbehaving handsets', () => {
  it('wrongPassword: the basic credential is built from another password', async () => {
    const { requests } = await run(strict, { misbehave: { wrongPassword: true } });
    const cred = credOf(requests[0]!)!.data;
    expect(cred).not.toBe(basicCredential('dmclient01', 'clientSecret'));
    expect(Buffer.from(cred, 'base64').toString()).toMatch(/^dmclient01:/);
  });

  it('wrongPassword with hmac: the x-syncml-hmac mac does not verify with the real secret', async () => {
    const nonce = nonceFromB64('AQIDBA==');
    const { requests } = await run(
      strict,
      { misbehave: { wrongPassword: true } },
      { scheme: 'hmac', clientNonce: nonce.b64 },
    );
    const header = String(requests[0]!.headers['x-syncml-hmac']);
    expect(header).toMatch(/username="dmclient01"/);
    expect(
      verifyHmacHeader(header, requests[0]!.body, { lookup: () => ({ password: 'clientSecret' }), nonce })
        .valid,
    ).toBe(false);
  });

  it('replayNonce: after a 401 challenge with a fresh nonce the digest is the same replayed one', async () => {
    const fresh = ['AQIDBAUGBwgJCgsMDQ4PEA==', 'EBESExQVFhcYGRobHB0eHw=='];
    const initial = 'AAECAwQFBgcICQoLDA0ODw==';
    const { report, requests } = await run(
      (req, srv) => ({
        message: srv.reply(req.message!, [], {
          hdrCode: 401,
          chal: md5Chal(fresh[srv.requests.length - 1] ?? fresh[0]!),
        }),
      }),
      { misbehave: { replayNonce: true }, maxAuthRetries: 2 },
      { scheme: 'md5', clientNonce: initial },
    );
    const creds = requests.map((r) => credOf(r)?.data);
    expect(new Set(creds).size).toBe(1);
    expect(creds[0]).toBe(md5Credential('dmclient01', 'clientSecret', nonceFromB64(initial)));
    expect(report.outcome).toBe('auth-failed');
  });

  it.each([
    ['xml', 'application/vnd.syncml.dm+xml'],
    ['wbxml', 'application/vnd.syncml.dm+wbxml'],
  ] as const)('malformedMessage %s: Package 1 does not decode', async (kind, contentType) => {
    const { report, requests } = await run(strict, { misbehave: { malformedMessage: kind } });
    expect(requests[0]!.headers['content-type']).toBe(contentType);
    expect(requests[0]!.decodeError).toBeDefined();
    expect(report).toMatchObject({ outcome: 'http-error', httpStatuses: [400] });
  });

  it('malformedMessage truncated: Package 1 is the first half of a valid message', async () => {
    const { requests } = await run(strict, {
      misbehave: { malformedMessage: 'truncated' },
      encoding: 'wbxml',
    });
    const body = requests[0]!.body;
    expect(requests[0]!.decodeError).toBeDefined();
    expect(() => decodeMessage(body, { contentType: 'application/vnd.syncml.dm+wbxml' })).toThrow(
      expect.objectContaining({ code: 'SYNCML_TRUNCATED' }),
    );
  });

  it('dropConnectionAfterMessages: n exchanges complete, the next request is aborted half way', async () => {
    const handler: TinyHandler = (req, srv) => ({
      message: srv.reply(req.message!, [
        { kind: 'Get', cmdId: '0', items: [{ target: { locURI: './DevInfo/Mod' } }] },
      ]),
    });
    const {
      report,
      requests,
      server: s,
    } = await run(handler, { misbehave: { dropConnectionAfterMessages: 1 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requests).toHaveLength(1);
    expect(s.aborted).toBe(1);
    expect(report).toMatchObject({ outcome: 'connection-dropped', messagesSent: 2 });
  });
});
