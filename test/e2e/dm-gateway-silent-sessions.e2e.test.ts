/**
 * Sessions that end silently, on real Kafka, FerretDB and Redis (deploy/local/infra.sh): two
 * gateway instances share the live-session index (FerretDB) and the session state and
 * report claims (Redis); both sweep at once, and each silent session is reported once on
 * Kafka, with the job of the timed-out one interrupted.
 */
import type { EventBus } from '../../libs/bus/src/index';
import type { EventLog, GatewayHarness } from '../../services/dm-gateway/src/test-support/gateway.harness';
import { provisionHandset } from '../../services/dm-gateway/src/test-support/gateway.harness';
import { attachEventLog, newDistributedRun, startDistributedGateway } from '../../services/dm-gateway/src/test-support/distributed.harness';
import { package1, postMessage, statusesOf } from '../../services/dm-gateway/src/test-support/raw-client';

jest.setTimeout(180_000);

const TTL_MS = 1_000;

describe('silent session ends on Kafka, FerretDB and Redis with two instances', () => {
  let c: GatewayHarness & { closeAll(): Promise<void> };
  let d: GatewayHarness & { closeAll(): Promise<void> };
  let observer: { log: EventLog; bus: EventBus };

  beforeAll(async () => {
    const run = await newDistributedRun('e2e-dmgw-silent');
    c = await startDistributedGateway(run, 'c', { sessionTtlMs: TTL_MS });
    d = await startDistributedGateway(run, 'd', { sessionTtlMs: TTL_MS });
    observer = await attachEventLog(run);
  });
  afterAll(async () => {
    await c?.closeAll();
    await d?.closeAll();
    await observer?.bus.close();
  });

  it('a dropped session and an abandoned authentication are each reported once, and the dropped job is interrupted once', async () => {
    const dropped = await provisionHandset(c, { scheme: 'basic', encoding: 'wbxml', handset: { misbehave: { dropConnectionAfterMessages: 1 } } });
    const queued = await c.api('POST', `/api/v1/devices/${encodeURIComponent(dropped.deviceId)}/jobs`, { commands: [{ verb: 'Get', target: './DevDetail/FwV' }] });
    const jobId = (queued.body as { jobId: string }).jobId;
    expect((await dropped.startSession()).outcome).toBe('connection-dropped');
    const refused = await provisionHandset(d, { scheme: 'basic', encoding: 'xml' });
    const answer = await postMessage(d.dmUrl, package1(refused.deviceId, `user-${refused.deviceId.slice(-6)}`, 'wrong-password'));
    expect(statusesOf(answer.message).header).toBe(401);

    await new Promise((resolve) => setTimeout(resolve, TTL_MS + 200));
    await Promise.all([c.gateway.sweep(), d.gateway.sweep(), c.gateway.sweep(), d.gateway.sweep()]);

    const timedOut = await observer.log.waitFor('device.session-completed.v1', (e) => e.data.deviceId === dropped.deviceId, 60_000);
    expect(timedOut.data).toMatchObject({ outcome: 'timeout', authScheme: 'basic', encoding: 'wbxml', jobIds: [jobId] });
    const abandoned = await observer.log.waitFor('device.session-completed.v1', (e) => e.data.deviceId === refused.deviceId, 60_000);
    expect(abandoned.data.outcome).toBe('auth-failed');
    const interrupted = await observer.log.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId, 60_000);
    expect(interrupted.data.outcome).toBe('interrupted');
    // Late duplicates would arrive within the consumer's poll interval.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const mine = (e: { data: { deviceId: string } }) => e.data.deviceId === dropped.deviceId || e.data.deviceId === refused.deviceId;
    expect(observer.log.of('device.session-completed.v1').filter(mine)).toHaveLength(2);
    expect(observer.log.of('dm.command-completed.v1').filter((e) => e.data.jobId === jobId)).toHaveLength(1);
  });
});
