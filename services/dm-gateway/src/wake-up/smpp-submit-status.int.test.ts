import { createLogger } from '@dms/service-kit';
import { defaultNotificationProfile } from '@dms/syncml';
import { createServer, type Pdu, type Server, type Session } from 'smpp';
import { createSmppDeviceWakeUp } from './smpp-device-wake-up';

/**
 * An SMSC built on the server side of the npm `smpp` package, answering submit_sm with
 * scripted command_status values: the Perl SMSC only ever accepts, and the retry rules are
 * about the refusals (SMPP 3.4 5.1.3).
 */
async function scriptedSmsc(statuses: number[]) {
  const submits: Array<{ status: number; at: number }> = [];
  const sessions: Session[] = [];
  const server: Server = createServer({}, (session) => {
    sessions.push(session);
    session.on('error', () => undefined);
    session.on('bind_transmitter', (pdu: Pdu) => session.send(pdu.response()));
    session.on('enquire_link', (pdu: Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: Pdu) => (session.send(pdu.response()), session.close()));
    session.on('submit_sm', (pdu: Pdu) => {
      const status = statuses.shift() ?? 0;
      submits.push({ status, at: Date.now() });
      session.send(
        pdu.response(status === 0 ? { message_id: `m${submits.length}` } : { command_status: status }),
      );
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    port,
    submits,
    stop: async () => {
      sessions.forEach((s) => s.destroy());
      await new Promise((ok) => server.close(ok));
    },
  };
}

jest.setTimeout(30_000);

const logger = createLogger({ service: 'wake-up-test', level: 'silent' });
const request = {
  deviceId: 'IMEI:490154203237518',
  msisdn: '491701234567',
  serverId: 'com.example.dms',
  sessionId: 7,
  uiMode: 'background',
  account: { username: 'u', serverPassword: 'pw', serverNonce: 'AAAAAA==' },
} as const;

function wakeUpAt(port: number, overrides: { rateLimitPerSecond?: number; maxAttempts?: number } = {}) {
  return createSmppDeviceWakeUp({
    smsc: { host: '127.0.0.1', port, systemId: 'dmsgw', password: 'x', sourceAddress: '4900' },
    profileFor: () => defaultNotificationProfile,
    rateLimitPerSecond: overrides.rateLimitPerSecond ?? 100,
    maxAttempts: overrides.maxAttempts ?? 4,
    retryBackoff: { baseMs: 20, maxMs: 100 },
    logger,
  });
}

describe('submit_sm refusals from an npm smpp server', () => {
  it.each([
    ['0x58', 'throttled', 0x58],
    ['0x14', 'message queue full', 0x14],
    ['0x08', 'system error', 0x08],
  ])('%s (%s) is retried after a backoff and the wake-up is sent', async (_hex, _name, status) => {
    const smsc = await scriptedSmsc([status, status]);
    const wakeUp = wakeUpAt(smsc.port);
    try {
      expect(await wakeUp.wake(request)).toEqual({ sent: true });
      expect(smsc.submits.map((s) => s.status)).toEqual([status, status, 0]);
      expect(wakeUp.counters).toEqual({ sent: 1, failed: 0, retried: 2, segments: 1 });
    } finally {
      await wakeUp.close();
      await smsc.stop();
    }
  });

  it('an invalid destination address (0x0B) is not retried and the reason names it', async () => {
    const smsc = await scriptedSmsc([0x0b]);
    const wakeUp = wakeUpAt(smsc.port);
    try {
      const result = await wakeUp.wake(request);
      expect(result.sent).toBe(false);
      expect(result.reason).toMatch(/^SMPP_SUBMIT_REFUSED: .*ESME_RINVDSTADR/);
      expect(smsc.submits).toHaveLength(1);
      expect(wakeUp.counters).toMatchObject({ failed: 1, retried: 0 });
    } finally {
      await wakeUp.close();
      await smsc.stop();
    }
  });

  it('throttling that outlasts maxAttempts fails the wake-up with the last status', async () => {
    const smsc = await scriptedSmsc([0x58, 0x58, 0x58]);
    const wakeUp = wakeUpAt(smsc.port, { maxAttempts: 3 });
    try {
      const result = await wakeUp.wake(request);
      expect(result).toMatchObject({ sent: false });
      expect(result.reason).toContain('ESME_RTHROTTLED');
      expect(smsc.submits).toHaveLength(3);
    } finally {
      await wakeUp.close();
      await smsc.stop();
    }
  });

  it('concurrent wake-ups share the SMSC rate limit', async () => {
    const smsc = await scriptedSmsc([]);
    const wakeUp = wakeUpAt(smsc.port, { rateLimitPerSecond: 10 });
    try {
      await wakeUp.connect();
      const results = await Promise.all(
        [1, 2, 3, 4, 5].map((sessionId) => wakeUp.wake({ ...request, sessionId })),
      );
      expect(results.every((r) => r.sent)).toBe(true);
      const gaps = smsc.submits.slice(1).map((s, i) => s.at - smsc.submits[i]!.at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(80); // 100 ms apart, less timer slack
    } finally {
      await wakeUp.close();
      await smsc.stop();
    }
  });
});
