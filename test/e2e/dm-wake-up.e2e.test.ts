/**
 * Server-initiated management end to end: dm-gateway (embedded store, in-process bus) with
 * the SMPP wake-up sends Package 0 through the real Perl Net::SMPP SMSC; the segments are
 * read back out of the SMSC's log and handed to a device-sim handset as its radio would,
 * and the handset verifies the digest and calls in with Alert 1200. The bootstrap case
 * first delivers a DM account as an OMA CP push the same way, and the handset is set up
 * from what it decodes out of that push. The MSISDN cases run subscriber-terminal on the
 * same in-process RPC hub, fed a combination detection, as embedded mode composes them.
 */
import { createInProcessRpc, InProcessRpcHub, type Rpc } from '../../libs/bus/src/index';
import { SimulatedHandset } from '../../libs/device-sim/src/index';
import { createLogger } from '../../libs/service-kit/src/index';
import {
  defaultNotificationProfile,
  parseSmsSegments,
  unwrapWapPush,
  verifyCpMac,
  type CpMacKey,
} from '../../libs/syncml/src/index';
import { AuthGuardStore } from '../../services/dm-gateway/src/data-access/auth-guard.store';
import { nextDeviceId } from '../../services/dm-gateway/src/test-support/gateway.harness';
import {
  startGatewayWithWakeUp,
  type GatewayWithWakeUp,
} from '../../services/dm-gateway/src/wake-up/gateway-with-wake-up.fixture';
import {
  createDmBootstrap,
  createSmppDeviceWakeUp,
  type SmppDeviceWakeUp,
} from '../../services/dm-gateway/src/wake-up/index';
import { PerlSmsc } from '../../services/dm-gateway/src/wake-up/perl-smsc.fixture';
import { characteristicsOf, wbxml2xml } from '../../services/dm-gateway/src/wake-up/prov-wbxml.peer';
import { detection, eventually } from '../../services/subscriber-terminal/src/test-support/detection.fixtures';
import { startHarness, type Harness } from '../../services/subscriber-terminal/src/test-support/service.harness';

jest.setTimeout(60_000);

const ADMIN = 'e2e-admin-token';
const SERVER_ID = 'dms-e2e';

interface Stack {
  smsc: PerlSmsc;
  wakeUp: SmppDeviceWakeUp;
  gw: GatewayWithWakeUp;
  /** The gateway's store of server nonces (the Package 0 nonce of each device). */
  guard: AuthGuardStore;
  msisdns: Map<string, string>;
  /** The RPC hub the gateway asks subscriber-terminal on. */
  hub: InProcessRpcHub;
  close(): Promise<void>;
}

async function startStack(): Promise<Stack> {
  const smsc = await PerlSmsc.start('dmsgw', 'smpp-pw1');
  const msisdns = new Map<string, string>();
  const wakeUp = createSmppDeviceWakeUp({
    smsc: {
      host: '127.0.0.1',
      port: smsc.port,
      systemId: 'dmsgw',
      password: 'smpp-pw1',
      sourceAddress: 'DMS',
    },
    profileFor: () => defaultNotificationProfile,
    msisdnFor: (deviceId) => msisdns.get(deviceId),
    rateLimitPerSecond: 20,
    maxAttempts: 3,
    logger: createLogger({ service: 'dm-gateway', level: 'silent' }),
  });
  const hub = new InProcessRpcHub();
  const rpc: Rpc = createInProcessRpc({ hub });
  const gw = await startGatewayWithWakeUp(wakeUp, { adminToken: ADMIN, serverId: SERVER_ID, rpc });
  return {
    smsc,
    wakeUp,
    gw,
    guard: new AuthGuardStore(gw.kv, 5, 60_000),
    msisdns,
    hub,
    async close() {
      await gw.close();
      await rpc.close();
      await wakeUp.close();
      await smsc.kill();
    },
  };
}

async function queueNotifiedJob(s: Stack, deviceId: string, msisdn?: string): Promise<string> {
  const res = await s.gw.api('POST', `/api/v1/devices/${encodeURIComponent(deviceId)}/jobs`, {
    commands: [{ verb: 'Get', target: './DevDetail/FwV' }],
    notify: true,
    ...(msisdn === undefined ? {} : { msisdn }),
    correlationId: `wake-${deviceId.slice(-4)}`,
  });
  expect(res.status).toBe(201);
  return (res.body as { jobId: string }).jobId;
}

describe('wake-up over SMPP: Package 0 through the Perl SMSC to a device-sim handset and back to the gateway', () => {
  let s: Stack;
  beforeEach(async () => {
    s = await startStack();
  });
  afterEach(async () => {
    await s.close();
  });

  it('a notified job wakes the handset, which calls in with Alert 1200 under the Package 0 session id and runs the job', async () => {
    const deviceId = nextDeviceId();
    s.msisdns.set(deviceId, '491701112233');
    const account = {
      deviceId,
      username: 'e2e-user',
      password: 'client-pw',
      authType: 'md5',
      serverId: SERVER_ID,
      serverPassword: 'server-pw',
    };
    expect((await s.gw.api('POST', '/api/v1/dm-accounts', account)).status).toBe(201);
    const handset = new SimulatedHandset({
      deviceId,
      family: 'oma-standard',
      encoding: 'wbxml',
      serverUrl: `${s.gw.http.url}/dm`,
      auth: {
        scheme: 'md5',
        username: account.username,
        password: account.password,
        serverId: SERVER_ID,
        serverPassword: account.serverPassword,
        verifyServer: true,
      },
    });

    const jobId = await queueNotifiedJob(s, deviceId);
    const [sms] = await s.smsc.waitForSubmits(1);
    expect(sms).toMatchObject({
      destination: '491701112233',
      source: 'DMS',
      esmClass: 0x40,
      dataCoding: 0x04,
    });
    expect(sms!.udh).toContain('(16-bit ports dst=2948 src=9200)');
    const outcome = await handset.handleSms([sms!.shortMessage]);

    expect(outcome).toMatchObject({ accepted: true, report: { outcome: 'completed' } });
    const done = await s.gw.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.data.results[0]).toMatchObject({
      verb: 'Get',
      status: 200,
      items: [{ data: handset.tree.text('./DevDetail/FwV') }],
    });
    const session = await s.gw.events.waitFor(
      'device.session-completed.v1',
      (e) => e.data.deviceId === deviceId,
    );
    expect(session.data).toMatchObject({ initiator: 'server', outcome: 'completed', jobIds: [jobId] });
    if (outcome.accepted) expect(outcome.report.sessionId).toBe(outcome.sessionId);
    expect(s.wakeUp.counters).toMatchObject({ sent: 1, failed: 0 });
  });

  it('a handset holding another server password refuses the Package 0 and opens no session', async () => {
    const deviceId = nextDeviceId();
    s.msisdns.set(deviceId, '491701112244');
    const account = {
      deviceId,
      username: 'e2e-user2',
      password: 'client-pw',
      authType: 'md5',
      serverId: SERVER_ID,
      serverPassword: 'server-pw',
    };
    expect((await s.gw.api('POST', '/api/v1/dm-accounts', account)).status).toBe(201);
    const handset = new SimulatedHandset({
      deviceId,
      family: 'oma-standard',
      encoding: 'xml',
      serverUrl: `${s.gw.http.url}/dm`,
      auth: {
        scheme: 'md5',
        username: account.username,
        password: account.password,
        serverId: SERVER_ID,
        serverPassword: 'stale-server-pw',
      },
    });

    await queueNotifiedJob(s, deviceId);
    const [sms] = await s.smsc.waitForSubmits(1);

    expect(await handset.handleSms([sms!.shortMessage])).toMatchObject({
      accepted: false,
      reason: 'bad-digest',
    });
    expect(s.gw.events.of('device.session-completed.v1')).toHaveLength(0);
  });

  it('a handset bootstrapped by an OMA CP push through the SMSC can then be woken with Package 0', async () => {
    const deviceId = nextDeviceId();
    const imsi = '001010123456789';
    const key: CpMacKey = { sec: 'NETWPIN', imsi };
    s.msisdns.set(deviceId, '491701112255');
    const bootstrap = createDmBootstrap({
      server: { serverId: SERVER_ID, name: 'DMS e2e', url: `${s.gw.http.url}/dm` },
      key,
      reference: 77,
    });
    const { credentials } = bootstrap;
    // The operator side stores the account the bootstrap carries, and its server nonce for Package 0.
    expect(
      (
        await s.gw.api('POST', '/api/v1/dm-accounts', {
          deviceId,
          username: credentials.clientUsername,
          password: credentials.clientPassword,
          authType: 'md5',
          serverId: SERVER_ID,
          serverPassword: credentials.serverPassword,
        })
      ).status,
    ).toBe(201);
    await s.guard.setServerNonce(deviceId, credentials.serverNonce);

    await s.wakeUp.sendSms('491701112255', bootstrap.cp.segments);
    const cpSms = await s.smsc.waitForSubmits(bootstrap.cp.segments.length);
    expect(cpSms.length).toBeGreaterThan(1);
    cpSms.forEach((sms, i) =>
      expect(sms.udh).toContain(`(concat ref=77 total=${cpSms.length} seq=${i + 1})`),
    );

    // The handset side: reassemble, check the NETWPIN MAC with its own IMSI, read the w7 application.
    const push = unwrapWapPush(parseSmsSegments(cpSms.map((sms) => sms.shortMessage)).wsp);
    expect(push.contentType).toBe('application/vnd.wap.connectivity-wbxml');
    expect(verifyCpMac(push.body, key, String(push.parameters.mac))).toBe(true);
    const [w7] = characteristicsOf(await wbxml2xml(push.body)).characteristics;
    const parm = (c: typeof w7, name: string) => c?.parms.find(([n]) => n === name)?.[1] ?? '';
    const auth = (level: string) =>
      w7?.children?.find((c) => c.type === 'APPAUTH' && parm(c, 'AAUTHLEVEL') === level);
    const appAddr = w7?.children?.find((c) => c.type === 'APPADDR');
    const handset = new SimulatedHandset({
      deviceId,
      family: 'oma-standard',
      encoding: 'wbxml',
      serverUrl: parm(appAddr, 'ADDR'),
      auth: {
        scheme: 'md5',
        serverId: parm(w7, 'PROVIDER-ID'),
        username: parm(auth('APPSRV'), 'AAUTHNAME'),
        password: parm(auth('APPSRV'), 'AAUTHSECRET'),
        clientNonce: parm(auth('APPSRV'), 'AAUTHDATA'),
        serverPassword: parm(auth('CLIENT'), 'AAUTHSECRET'),
        serverNonce: parm(auth('CLIENT'), 'AAUTHDATA'),
      },
    });

    const jobId = await queueNotifiedJob(s, deviceId);
    const all = await s.smsc.waitForSubmits(cpSms.length + 1);
    const outcome = await handset.handleSms([all[cpSms.length]!.shortMessage]);

    expect(outcome).toMatchObject({ accepted: true, report: { outcome: 'completed' } });
    const done = await s.gw.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.data.outcome).toBe('completed');
    expect(
      (await s.gw.events.waitFor('device.session-completed.v1', (e) => e.data.deviceId === deviceId)).data
        .initiator,
    ).toBe('server');
  });
});

describe('wake-up MSISDN: the job names it, else subscriber-terminal knows the terminal', () => {
  let s: Stack;
  let st: Harness;
  beforeEach(async () => {
    s = await startStack();
    st = await startHarness({ rpc: createInProcessRpc({ hub: s.hub }) });
  });
  afterEach(async () => {
    await st.close();
    await s.close();
  });

  async function terminalSeenWith(deviceId: string, msisdn: string): Promise<void> {
    const imei = deviceId.slice('IMEI:'.length);
    await st.bus.publish('terminal.combination-detected.v1', detection(msisdn, imei, '2026-11-28T01:00:00Z'), { id: `d-${imei}` });
    await eventually(() => expect(st.updates.some((u) => u.data.msisdn === msisdn)).toBe(true));
  }

  async function handsetFor(deviceId: string): Promise<SimulatedHandset> {
    const account = { deviceId, username: `u-${deviceId.slice(-6)}`, password: 'client-pw', authType: 'md5', serverId: SERVER_ID, serverPassword: 'server-pw' };
    expect((await s.gw.api('POST', '/api/v1/dm-accounts', account)).status).toBe(201);
    return new SimulatedHandset({
      deviceId,
      family: 'oma-standard',
      encoding: 'wbxml',
      serverUrl: `${s.gw.http.url}/dm`,
      auth: { scheme: 'md5', username: account.username, password: account.password, serverId: SERVER_ID, serverPassword: account.serverPassword, verifyServer: true },
    });
  }

  it('a notified job without an MSISDN is sent to the current MSISDN subscriber-terminal knows for the IMEI, and the handset calls in', async () => {
    const deviceId = nextDeviceId();
    await terminalSeenWith(deviceId, '491702223344');
    const handset = await handsetFor(deviceId);

    const jobId = await queueNotifiedJob(s, deviceId);
    const [sms] = await s.smsc.waitForSubmits(1);

    expect(sms).toMatchObject({ destination: '491702223344', source: 'DMS', esmClass: 0x40, dataCoding: 0x04 });
    expect(await handset.handleSms([sms!.shortMessage])).toMatchObject({ accepted: true, report: { outcome: 'completed' } });
    expect((await s.gw.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId)).data.outcome).toBe('completed');
  });

  it('the MSISDN a job names wins over the one subscriber-terminal knows', async () => {
    const deviceId = nextDeviceId();
    await terminalSeenWith(deviceId, '491702223355');
    await handsetFor(deviceId);

    await queueNotifiedJob(s, deviceId, '491709998877');
    const [sms] = await s.smsc.waitForSubmits(1);

    expect(sms?.destination).toBe('491709998877');
  });

  it('a job requested on the bus with an MSISDN is woken at that number', async () => {
    const deviceId = nextDeviceId();
    await handsetFor(deviceId);

    await s.gw.bus.publish('dm.command-requested.v1', {
      jobId: `bus-${deviceId.slice(-6)}`,
      deviceId,
      commands: [{ verb: 'Get', target: './DevDetail/FwV' }],
      priority: 'normal',
      notify: true,
      msisdn: '491706665544',
      correlationId: `bus-${deviceId.slice(-6)}`,
      requestedBy: 'e2e',
      requestedAt: new Date().toISOString(),
    });
    const [sms] = await s.smsc.waitForSubmits(1);

    expect(sms?.destination).toBe('491706665544');
  });

  it('a terminal subscriber-terminal does not know gets no SMS, and the job stays queued', async () => {
    const deviceId = nextDeviceId();
    await handsetFor(deviceId);

    const jobId = await queueNotifiedJob(s, deviceId);

    expect(s.wakeUp.counters).toMatchObject({ sent: 0 });
    const job = await s.gw.api('GET', `/api/v1/devices/${encodeURIComponent(deviceId)}/jobs/${jobId}`);
    expect(job.body).toMatchObject({ state: 'queued' });
  });
});
