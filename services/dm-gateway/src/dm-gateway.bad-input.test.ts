import { encodeMessage } from '@dms/syncml';
import { nextDeviceId, provisionHandset, startGateway, type GatewayHarness } from './test-support/gateway.harness';
import { package1, post, postMessage, statusesOf } from './test-support/raw-client';

jest.setTimeout(60_000);

describe('dm-gateway bad input gets a protocol-correct answer and loses nothing', () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGateway({ config: { authFailuresBeforeLock: 3, authLockBaseMs: 60_000, sessionTtlMs: 400, bodyLimitBytes: 64 * 1024 } });
  });
  afterAll(async () => {
    await h.close();
  });

  async function basicAccount(): Promise<string> {
    const deviceId = nextDeviceId();
    const res = await h.api('POST', '/api/v1/dm-accounts', { deviceId, username: 'u', password: 'p', authType: 'basic', serverId: 'dms', serverPassword: 'sp' });
    expect(res.status).toBe(201);
    return deviceId;
  }

  it('malformed XML with a readable SyncHdr is answered HTTP 200 with Status 400 for that header', async () => {
    const text = '<SyncML><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>7</SessionID><MsgID>1</MsgID><Target><LocURI>http://dm</LocURI></Target><Source><LocURI>IMEI:1</LocURI></Source></SyncHdr><SyncBody><Alert><CmdID>1<Data>1201</Alert>';
    const answer = await post(h.dmUrl, text);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toContain('application/vnd.syncml.dm+xml');
    expect(statusesOf(answer.message).header).toBe(400);
    expect(answer.message?.body.final).toBe(true);
  });

  it('a body with no readable SyncHdr (malformed XML or WBXML) gets HTTP 400 without SyncML', async () => {
    expect((await post(h.dmUrl, '<SyncML><SyncHdr><<<')).status).toBe(400);
    expect((await post(h.dmUrl, new Uint8Array([0x02, 0x00, 0x00, 0x6a, 0xff, 0xff, 0x01]), 'application/vnd.syncml.dm+wbxml')).status).toBe(400);
    expect((await post(h.dmUrl, new Uint8Array())).status).toBe(400);
  });

  it.each(['xml', 'wbxml', 'truncated'] as const)('a handset sending a %s-broken Package 1 is refused and the gateway keeps serving', async (kind) => {
    const broken = await provisionHandset(h, { scheme: 'basic', encoding: kind === 'wbxml' ? 'wbxml' : 'xml', handset: { misbehave: { malformedMessage: kind } } });
    const report = await broken.startSession();
    expect(report.outcome).not.toBe('completed');
    const healthy = await provisionHandset(h, { scheme: 'basic', encoding: 'xml' });
    expect((await healthy.startSession()).outcome).toBe('completed');
  });

  it('a body over the hard cap is answered HTTP 413 and the next session works', async () => {
    const answer = await post(h.dmUrl, new Uint8Array(200 * 1024).fill(0x3c));
    expect(answer.status).toBe(413);
    const healthy = await provisionHandset(h, { scheme: 'md5', encoding: 'wbxml' });
    expect((await healthy.startSession()).outcome).toBe('completed');
  });

  it('wrong credentials get 401 with a challenge; repeated failures lock the device out even with the right password', async () => {
    const deviceId = nextDeviceId();
    const wrong = await provisionHandset(h, { scheme: 'md5', encoding: 'xml', deviceId, handset: { misbehave: { wrongPassword: true } } });
    const report = await wrong.startSession();
    expect(report.outcome).toBe('auth-failed');
    expect(report.httpStatuses.every((s) => s === 200)).toBe(true);
    const right = await provisionHandset(h, { scheme: 'md5', encoding: 'xml', deviceId });
    expect((await right.startSession()).outcome).toBe('auth-failed');
  });

  it('a replayed nonce is refused with 401 and a new challenge', async () => {
    const first = await provisionHandset(h, { scheme: 'md5', encoding: 'xml' });
    await first.startSession();
    const used = Buffer.from(first.tree.value(`${first.accountUri}/AppAuth/CLCRED/AAuthData`) as Uint8Array).toString('base64');
    expect((await first.startSession()).outcome).toBe('completed');
    const replayer = await provisionHandset(h, { scheme: 'md5', encoding: 'xml', deviceId: first.deviceId, handset: { auth: { scheme: 'md5', username: first.options.auth.username, password: first.options.auth.password, serverId: 'dms-test', serverPassword: 'server-secret', clientNonce: used }, misbehave: { replayNonce: true } } });
    const report = await replayer.startSession();
    expect(report.outcome).toBe('auth-failed');
    expect(report.authOutcome).toBe('rejected');
  });

  it('an unknown device is refused with 401 and a challenge', async () => {
    const deviceId = await basicAccount();
    const answer = await postMessage(h.dmUrl, package1(nextDeviceId(), 'u', 'p'));
    expect(answer.status).toBe(200);
    expect(statusesOf(answer.message).header).toBe(401);
    expect(answer.message?.body.commands.find((c) => c.kind === 'Status' && c.cmd === 'SyncHdr')).toMatchObject({ chal: { meta: { type: 'syncml:auth-basic' } } });
    expect(statusesOf(answer.message).others).toEqual(['Alert:215', 'Replace:215']);
    expect(deviceId).toBeDefined();
  });

  it('missing credentials get 407 with a challenge', async () => {
    const deviceId = await basicAccount();
    const message = package1(deviceId, 'u', 'p');
    const { cred: _cred, ...hdr } = message.hdr;
    const answer = await postMessage(h.dmUrl, { ...message, hdr });
    expect(statusesOf(answer.message).header).toBe(407);
  });

  it('a message after the session expired gets 408 for its header and Alert 1223, in its own encoding', async () => {
    const deviceId = await basicAccount();
    const opened = await postMessage(h.dmUrl, package1(deviceId, 'u', 'p'), 'wbxml');
    expect(statusesOf(opened.message).header).toBe(212);
    const respUri = opened.message?.hdr.respURI ?? '';
    expect(respUri).toContain('?s=');
    await new Promise((r) => setTimeout(r, 600));

    const late = await postMessage(respUri, package1(deviceId, 'u', 'p', { msgId: '2', commands: [{ kind: 'Status', cmdId: '1', msgRef: '1', cmdRef: '0', cmd: 'SyncHdr', targetRefs: [], sourceRefs: [], data: 200, items: [] }] }), 'wbxml');

    expect(late.status).toBe(200);
    expect(late.contentType).toContain('+wbxml');
    expect(statusesOf(late.message).header).toBe(408);
    expect(late.message?.body.commands.some((c) => c.kind === 'Alert' && c.data === 1223)).toBe(true);
  });

  it('a job queued before all this bad input still runs', async () => {
    const handset = await provisionHandset(h, { scheme: 'hmac', encoding: 'wbxml' });
    const res = await h.api('POST', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs`, { commands: [{ verb: 'Get', target: './DevDetail/FwV' }] });
    const jobId = (res.body as { jobId: string }).jobId;
    await post(h.dmUrl, encodeMessage(package1(handset.deviceId, 'x', 'y'), 'xml').subarray(0, 100));
    await post(h.dmUrl, new Uint8Array(200 * 1024));

    expect((await handset.startSession()).outcome).toBe('completed');
    const done = await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.data.outcome).toBe('completed');
  });
});

describe('dm-gateway when its session state is unreachable', () => {
  it('answers 503 with Retry-After (handsets retry later) and stays up', async () => {
    const { createRedisKeyValueStore } = await import('@dms/store');
    const kv = createRedisKeyValueStore({ url: 'redis://127.0.0.1:1', connectTimeoutMs: 200, commandTimeoutMs: 300 });
    const h = await startGateway({ kv, events: false, config: { masterSecret: 'master' } });
    try {
      const answer = await postMessage(h.dmUrl, package1(nextDeviceId(), 'u', 'p'));
      expect(answer.status).toBe(503);
      expect((await fetch(`${h.http.url}/api/v1/openapi.json`)).status).toBe(200);
    } finally {
      await h.close();
      await kv.close();
    }
  });
});
