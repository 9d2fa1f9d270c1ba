import { encodePackage0, package0Sms, segmentForSms, wrapWapPush, type AlertCommand } from '@dms/syncml';
import { SimulatedHandset } from '../client/simulated-handset';
import { commandsOf, testAuth, TinyDmServer } from '../client/tiny-dm-server.fixture';

const serverNonce = 'Dx4tPEtaaXiHlqW0w9Lh8A==';
const nonceBytes = new Uint8Array(Buffer.from(serverNonce, 'base64'));
const fields = {
  uiMode: 'background',
  initiator: 'server',
  sessionId: 0x1a2b,
  serverId: 'com.example.dms',
} as const;

let server: TinyDmServer;
let phone: SimulatedHandset;
beforeEach(async () => {
  server = await TinyDmServer.start((req, srv) => ({ message: srv.reply(req.message!, []) }));
  phone = new SimulatedHandset({
    deviceId: 'IMEI:356938035643809',
    family: 'vendor-x',
    encoding: 'xml',
    serverUrl: server.url,
    auth: { ...testAuth, serverNonce },
  });
});
afterEach(() => server.close());

describe('server-initiated sessions (Package 0)', () => {
  it('verifies the digest and opens a session with Alert 1200 and the notification session id in hex', async () => {
    const outcome = await phone.handlePackage0(
      encodePackage0(fields, { serverPassword: 'serverSecret', serverNonce: nonceBytes }),
    );
    expect(outcome).toMatchObject({ accepted: true, sessionId: '1A2B', report: { outcome: 'completed' } });
    expect(server.requests[0]?.message?.hdr.sessionId).toBe('1A2B');
    expect((commandsOf(server.requests[0], 'Alert')[0] as AlertCommand).data).toBe(1200);
  });

  it('reassembles a WAP Push spread over several SMS segments', async () => {
    const segments = package0Sms(
      { ...fields, vendorSpecific: new Uint8Array(200).fill(7) },
      { serverPassword: 'serverSecret', serverNonce: nonceBytes },
      { reference: 42 },
    );
    expect(segments.length).toBeGreaterThan(1);
    const outcome = await phone.handleSms(segments.map((s) => s.userData).reverse());
    expect(outcome).toMatchObject({ accepted: true, sessionId: '1A2B' });
    expect(server.requests).toHaveLength(1);
  });

  it('ignores a notification signed with another password, naming the reason, and opens no session', async () => {
    const outcome = await phone.handlePackage0(
      encodePackage0(fields, { serverPassword: 'guess', serverNonce: nonceBytes }),
    );
    expect(outcome).toMatchObject({ accepted: false, reason: 'bad-digest' });
    expect(server.requests).toHaveLength(0);
  });

  it('ignores a notification from a server it has no account for, a stale nonce and garbage', async () => {
    const other = await phone.handlePackage0(
      encodePackage0(
        { ...fields, serverId: 'evil.example' },
        { serverPassword: 'serverSecret', serverNonce: nonceBytes },
      ),
    );
    expect(other).toMatchObject({ accepted: false, reason: 'unknown-server' });
    const stale = await phone.handlePackage0(
      encodePackage0(fields, { serverPassword: 'serverSecret', serverNonce: new Uint8Array(16) }),
    );
    expect(stale).toMatchObject({ accepted: false, reason: 'bad-digest' });
    expect(await phone.handlePackage0(Uint8Array.of(1, 2, 3))).toMatchObject({
      accepted: false,
      reason: 'malformed',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('ignores a WAP Push that is not a DM notification', async () => {
    const pkg0 = encodePackage0(fields, { serverPassword: 'serverSecret', serverNonce: nonceBytes });
    const push = wrapWapPush(pkg0, 'application/vnd.wap.sic', { transactionId: 1 });
    const outcome = await phone.handleSms(segmentForSms(push, { reference: 1 }).map((s) => s.userData));
    expect(outcome).toMatchObject({ accepted: false, reason: 'not-dm-push' });
  });

  it('asks the user first when ui-mode is user-interaction and opens no session when the user declines', async () => {
    const declining = new SimulatedHandset({ ...phone.options, uiAnswers: { confirm: 'no' } });
    const pkg0 = encodePackage0(
      { ...fields, uiMode: 'user-interaction' },
      { serverPassword: 'serverSecret', serverNonce: nonceBytes },
    );
    expect(await declining.handlePackage0(pkg0)).toMatchObject({ accepted: false, reason: 'user-declined' });
    expect(await phone.handlePackage0(pkg0)).toMatchObject({ accepted: true });
    expect(server.requests).toHaveLength(1);
  });

  it('opens one session for a repeated trigger that arrives while the first session runs', async () => {
    const pkg0 = encodePackage0(fields, { serverPassword: 'serverSecret', serverNonce: nonceBytes });
    const [first, second] = await Promise.all([phone.handlePackage0(pkg0), phone.handlePackage0(pkg0)]);
    expect(first).toMatchObject({ accepted: true });
    expect(second).toMatchObject({ accepted: false, reason: 'session-in-progress' });
    expect(server.requests).toHaveLength(1);
  });
});
