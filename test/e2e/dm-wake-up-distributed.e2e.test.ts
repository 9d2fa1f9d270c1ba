/**
 * Server-initiated management on the real infrastructure: dm-gateway on Kafka, FerretDB and
 * Redis (own topic prefix, database and key prefix) with the SMPP wake-up. A notify=true job
 * naming an MSISDN is requested as a dm.command-requested.v1 event on Kafka, Package 0 goes
 * through the real Perl SMSC, a device-sim handset gets the segments out of the SMSC's log as
 * its radio would, calls in with Alert 1200, and dm.command-completed.v1 for the job arrives
 * on Kafka.
 */
import type { EventBus } from '../../libs/bus/src/index';
import { SimulatedHandset } from '../../libs/device-sim/src/index';
import { createLogger } from '../../libs/service-kit/src/index';
import { defaultNotificationProfile } from '../../libs/syncml/src/index';
import {
  attachEventLog,
  newDistributedRun,
  startDistributedGateway,
} from '../../services/dm-gateway/src/test-support/distributed.harness';
import {
  nextDeviceId,
  type EventLog,
  type GatewayHarness,
} from '../../services/dm-gateway/src/test-support/gateway.harness';
import { createSmppDeviceWakeUp, type SmppDeviceWakeUp } from '../../services/dm-gateway/src/wake-up/index';
import { PerlSmsc } from '../../services/dm-gateway/src/wake-up/perl-smsc.fixture';

jest.setTimeout(120_000);

const SERVER_ID = 'dms-e2e-dist';

describe('wake-up on Kafka, FerretDB and Redis through the Perl SMSC', () => {
  let smsc: PerlSmsc;
  let wakeUp: SmppDeviceWakeUp;
  let gw: GatewayHarness & { closeAll(): Promise<void> };
  let observer: { log: EventLog; bus: EventBus };

  beforeAll(async () => {
    smsc = await PerlSmsc.start('dmsgwd', 'smpp-pw2');
    wakeUp = createSmppDeviceWakeUp({
      smsc: {
        host: '127.0.0.1',
        port: smsc.port,
        systemId: 'dmsgwd',
        password: 'smpp-pw2',
        sourceAddress: 'DMS',
      },
      profileFor: () => defaultNotificationProfile,
      rateLimitPerSecond: 20,
      maxAttempts: 3,
      logger: createLogger({ service: 'dm-gateway', level: 'silent' }),
    });
    const run = await newDistributedRun('e2e-dmwake');
    gw = await startDistributedGateway(run, 'wake', { serverId: SERVER_ID }, wakeUp);
    observer = await attachEventLog(run);
  });
  afterAll(async () => {
    await gw?.closeAll();
    await observer?.bus.close();
    await wakeUp?.close();
    await smsc?.kill();
  });

  it('a notify=true job requested on Kafka wakes the handset by SMS, which calls in with Alert 1200, and the job completes on Kafka', async () => {
    const deviceId = nextDeviceId();
    const account = {
      deviceId,
      username: 'dist-user',
      password: 'client-pw',
      authType: 'md5',
      serverId: SERVER_ID,
      serverPassword: 'server-pw',
    };
    expect((await gw.api('POST', '/api/v1/dm-accounts', account)).status).toBe(201);
    const handset = new SimulatedHandset({
      deviceId,
      family: 'oma-standard',
      encoding: 'wbxml',
      serverUrl: gw.dmUrl,
      auth: {
        scheme: 'md5',
        username: account.username,
        password: account.password,
        serverId: SERVER_ID,
        serverPassword: account.serverPassword,
        verifyServer: true,
      },
    });
    const jobId = `wake-${deviceId.slice(-6)}-${Date.now()}`;

    await observer.bus.publish('dm.command-requested.v1', {
      jobId,
      deviceId,
      commands: [{ verb: 'Get', target: './DevDetail/FwV' }],
      priority: 'normal',
      notify: true,
      msisdn: '491707778899',
      correlationId: `corr-${jobId}`,
      requestedBy: 'e2e',
      requestedAt: new Date().toISOString(),
    });
    const [sms] = await smsc.waitForSubmits(1, 60_000);
    expect(sms).toMatchObject({
      destination: '491707778899',
      source: 'DMS',
      esmClass: 0x40,
      dataCoding: 0x04,
    });
    const outcome = await handset.handleSms([sms!.shortMessage]);

    expect(outcome).toMatchObject({ accepted: true, report: { outcome: 'completed' } });
    const done = await observer.log.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId, 60_000);
    expect(done.correlationId).toBe(`corr-${jobId}`);
    expect(done.data.outcome).toBe('completed');
    expect(done.data.results[0]).toMatchObject({
      verb: 'Get',
      status: 200,
      items: [{ data: handset.tree.text('./DevDetail/FwV') }],
    });
    const session = await observer.log.waitFor(
      'device.session-completed.v1',
      (e) => e.data.deviceId === deviceId,
      60_000,
    );
    expect(session.data).toMatchObject({ initiator: 'server', outcome: 'completed', jobIds: [jobId] });
    expect(wakeUp.counters).toMatchObject({ sent: 1, failed: 0 });
  });
});
