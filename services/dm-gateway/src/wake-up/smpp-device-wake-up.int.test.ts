import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '@dms/service-kit';
import {
  decodePackage0,
  defaultNotificationProfile,
  parseSmsSegments,
  unwrapWapPush,
  verifyPackage0Digest,
  type NotificationProfile,
} from '@dms/syncml';
import type { WakeUpRequest } from '../domain/device-wake-up.port';
import { PerlSmsc } from './perl-smsc.fixture';
import { SmppBindRefusedError } from './smpp.error';
import { createSmppDeviceWakeUp, type SmppDeviceWakeUpOptions } from './smpp-device-wake-up';

jest.setTimeout(30_000);

const SMSC_PASSWORD = 'smsc-pw-7f3a';
const SERVER_PASSWORD = 'server-secret-91c2';
const nonce = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex');

function capturingLogger(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { lines, logger: createLogger({ service: 'wake-up-test', level: 'debug', destination }) };
}

function request(overrides: Partial<WakeUpRequest> = {}): WakeUpRequest {
  return {
    deviceId: 'IMEI:490154203237518',
    msisdn: '+491701234567',
    serverId: 'com.example.dms',
    sessionId: 0x1a2b,
    uiMode: 'background',
    account: {
      username: 'dmclient01',
      serverPassword: SERVER_PASSWORD,
      serverNonce: nonce.toString('base64'),
    },
    correlationId: 'corr-1',
    ...overrides,
  };
}

function wakeUpFor(
  smsc: PerlSmsc,
  logger: ReturnType<typeof createLogger>,
  overrides: Partial<SmppDeviceWakeUpOptions> = {},
) {
  return createSmppDeviceWakeUp({
    smsc: {
      host: '127.0.0.1',
      port: smsc.port,
      systemId: smsc.systemId,
      password: SMSC_PASSWORD,
      sourceAddress: '4900',
      reconnect: { baseMs: 100, maxMs: 500 },
      responseTimeoutMs: 3_000,
      settingNames: { systemId: 'DMS_SMSC_SYSTEM_ID', password: 'DMS_SMSC_PASSWORD' },
    },
    profileFor: () => defaultNotificationProfile,
    rateLimitPerSecond: 50,
    maxAttempts: 5,
    retryBackoff: { baseMs: 200, maxMs: 1_000 },
    logger,
    ...overrides,
  });
}

/** Reassembles logged short_messages, unwraps the push and checks the digest the way a handset does. */
function package0From(shortMessages: readonly Uint8Array[], serverPassword = SERVER_PASSWORD) {
  const datagram = parseSmsSegments(shortMessages);
  const push = unwrapWapPush(datagram.wsp);
  const pkg = decodePackage0(push.body);
  const verification = verifyPackage0Digest(pkg, { password: serverPassword, nonces: [nonce] });
  return { datagram, push, pkg, verification };
}

describe('SMPP device wake-up against the Perl Net::SMPP SMSC', () => {
  let smsc: PerlSmsc;
  beforeEach(async () => {
    smsc = await PerlSmsc.start('dmsgw', SMSC_PASSWORD);
  });
  afterEach(async () => {
    await smsc.kill();
  });

  it('sends one binary submit_sm to port 2948 whose Package 0 decodes and whose digest verifies', async () => {
    const { lines, logger } = capturingLogger();
    const wakeUp = wakeUpFor(smsc, logger);
    const result = await wakeUp.wake(request());
    await wakeUp.close();

    expect(result).toEqual({ sent: true });
    const [submit, ...more] = await smsc.waitForSubmits(1);
    expect(more).toHaveLength(0);
    expect(submit).toMatchObject({
      source: '4900',
      destination: '491701234567',
      esmClass: 0x40,
      dataCoding: 0x04,
      registeredDelivery: 0,
    });
    expect(submit!.udh).toBe('IEI=0x05 len=4 val=0b8423f0 (16-bit ports dst=2948 src=9200)');
    const { push, pkg, verification } = package0From([submit!.shortMessage]);
    expect(push).toMatchObject({
      contentType: 'application/vnd.syncml.notification',
      applicationId: 'x-wap-application:syncml.dm',
    });
    expect(pkg).toMatchObject({
      version: 11,
      uiMode: 'background',
      initiator: 'server',
      sessionId: 0x1a2b,
      serverId: 'com.example.dms',
    });
    expect(verification).toMatchObject({ valid: true, digestName: 'server-id', nonceForm: 'decoded' });
    expect(wakeUp.counters).toEqual({ sent: 1, failed: 0, retried: 0, segments: 1 });
    expect(smsc.log()).toContain('unbind_resp; closing');
    expect(lines.join('')).not.toContain(SMSC_PASSWORD);
    expect(lines.join('')).not.toContain(SERVER_PASSWORD);
  });

  it('splits a push that does not fit one SMS into concatenated parts sharing one reference, per the family profile', async () => {
    const { logger } = capturingLogger();
    const profile: NotificationProfile = {
      versionField: 12,
      digestName: 'username',
      nonceForm: 'decoded',
      dataCoding: 0xf5,
      sourcePort: 49154,
    };
    const wakeUp = wakeUpFor(smsc, logger, { profileFor: () => profile });
    const serverId = `com.example.dms.${'long-tenant-name.'.repeat(9)}eu`;
    expect(await wakeUp.wake(request({ serverId }))).toEqual({ sent: true });
    await wakeUp.close();

    const submits = await smsc.waitForSubmits(2);
    expect(submits).toHaveLength(2);
    const refs = submits.map((s) => /concat ref=(\d+) total=2 seq=(\d)/.exec(s.udh));
    expect(refs.map((m) => m?.[2])).toEqual(['1', '2']);
    expect(refs[0]![1]).toBe(refs[1]![1]);
    for (const s of submits) {
      expect(s.udh).toContain('(16-bit ports dst=2948 src=49154)');
      expect(s).toMatchObject({ esmClass: 0x40, dataCoding: 0xf5 });
      expect(s.shortMessage.byteLength).toBeLessThanOrEqual(140);
    }
    const { pkg } = package0From(submits.map((s) => s.shortMessage));
    expect(pkg).toMatchObject({ version: 12, serverId });
    const byUsername = verifyPackage0Digest(pkg, {
      password: SERVER_PASSWORD,
      username: 'dmclient01',
      nonces: [nonce],
    });
    expect(byUsername).toMatchObject({ valid: true, digestName: 'username' });
    expect(wakeUp.counters).toMatchObject({ sent: 1, segments: 2 });
  });

  it('keeps the link alive with enquire_link while idle', async () => {
    const { logger } = capturingLogger();
    const wakeUp = wakeUpFor(smsc, logger, {
      smsc: {
        host: '127.0.0.1',
        port: smsc.port,
        systemId: 'dmsgw',
        password: SMSC_PASSWORD,
        sourceAddress: 'DMS',
        enquireLinkIntervalMs: 150,
      },
    });
    await wakeUp.connect();
    await sleep(700);
    await wakeUp.close();
    expect(smsc.log().match(/-> enquire_link_resp/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
  });

  it('reports a wrong SMSC password as a refused bind naming the setting to fix, and does not keep retrying', async () => {
    const { lines, logger } = capturingLogger();
    const wrong = 'not-the-password';
    const wakeUp = wakeUpFor(smsc, logger, {
      smsc: {
        host: '127.0.0.1',
        port: smsc.port,
        systemId: 'dmsgw',
        password: wrong,
        sourceAddress: '4900',
        settingNames: { systemId: 'DMS_SMSC_SYSTEM_ID', password: 'DMS_SMSC_PASSWORD' },
      },
    });
    await expect(wakeUp.connect()).rejects.toBeInstanceOf(SmppBindRefusedError);
    const result = await wakeUp.wake(request());
    await sleep(500); // a background reconnect loop would show up as more binds here
    await wakeUp.close();

    expect(result.sent).toBe(false);
    expect(result.reason).toMatch(/^SMPP_BIND_REFUSED: .*ESME_RINVPASWD \(0x0e\): check DMS_SMSC_PASSWORD$/);
    expect(result.reason).not.toContain(wrong);
    expect(smsc.log().match(/-> bind resp status=14/g)).toHaveLength(2);
    expect(smsc.submits()).toHaveLength(0);
    expect(wakeUp.counters).toMatchObject({ sent: 0, failed: 1, retried: 0 });
    expect(lines.join('')).not.toContain(wrong);
  });

  it('reconnects after the SMSC is killed and restarted; a wake-up during the outage goes through once it is back', async () => {
    const { logger } = capturingLogger();
    const wakeUp = wakeUpFor(smsc, logger);
    expect(await wakeUp.wake(request({ sessionId: 1 }))).toEqual({ sent: true });

    await smsc.kill();
    const during = wakeUp.wake(request({ sessionId: 2 }));
    await sleep(400);
    await smsc.restart();
    expect(await during).toEqual({ sent: true });
    expect(await wakeUp.wake(request({ sessionId: 3 }))).toEqual({ sent: true });
    await wakeUp.close();

    const submits = await smsc.waitForSubmits(3);
    expect(submits.map((s) => package0From([s.shortMessage]).pkg.sessionId)).toEqual([1, 2, 3]);
    expect(wakeUp.counters.sent).toBe(3);
    expect(wakeUp.counters.retried).toBeGreaterThanOrEqual(1);
    expect(smsc.log().match(/connection from/g)!.length).toBeGreaterThanOrEqual(2);
  });

  it('rebinds in the background once the SMSC is back, before any further wake-up', async () => {
    const { logger } = capturingLogger();
    const wakeUp = wakeUpFor(smsc, logger);
    await wakeUp.connect();
    await smsc.kill();
    await sleep(300); // a few refused reconnects, with backoff
    const logBeforeRestart = smsc.log().length; // the killed SMSC may not have logged its last bind resp
    await smsc.restart();
    const restartedAt = Date.now();
    const rebound = (): boolean => smsc.log().slice(logBeforeRestart).includes('-> bind resp status=0');
    for (let waited = 0; waited < 10_000 && !rebound(); waited += 50) await sleep(50);
    expect(rebound()).toBe(true);
    // backoff is capped at 500 ms in this test: the rebind follows the restart well within that plus scheduling slack
    expect(Date.now() - restartedAt).toBeLessThan(5_000);
    expect(smsc.submits()).toHaveLength(0);
    expect(await wakeUp.wake(request())).toEqual({ sent: true });
    await wakeUp.close();
    expect(wakeUp.counters.retried).toBe(0);
  });

  it('gives up after maxAttempts when the SMSC stays away, without throwing', async () => {
    const { logger } = capturingLogger();
    const wakeUp = wakeUpFor(smsc, logger, { maxAttempts: 2, retryBackoff: { baseMs: 50, maxMs: 50 } });
    await smsc.kill();
    const result = await wakeUp.wake(request());
    await wakeUp.close();
    expect(result.sent).toBe(false);
    expect(result.reason).toMatch(/^SMPP_CONNECTION_LOST: cannot connect to SMSC/);
    expect(wakeUp.counters).toMatchObject({ failed: 1, retried: 1 });
  });
});
