import { createInProcessEventBus } from '@dms/bus';
import { createEmbeddedStore, createMemoryKeyValueStore } from '@dms/store';
import { package1, postMessage, statusesOf } from './test-support/raw-client';
import { provisionHandset, startGateway, type GatewayHarness } from './test-support/gateway.harness';

jest.setTimeout(30_000);

const TTL_MS = 300;
const pastTtl = () => new Promise((resolve) => setTimeout(resolve, TTL_MS + 100));

async function droppedSession(h: GatewayHarness): Promise<{ deviceId: string; jobId: string }> {
  const handset = await provisionHandset(h, { scheme: 'basic', encoding: 'xml', handset: { misbehave: { dropConnectionAfterMessages: 1 } } });
  const queued = await h.api('POST', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs`, { commands: [{ verb: 'Get', target: './DevDetail/FwV' }] });
  expect((await handset.startSession()).outcome).toBe('connection-dropped');
  return { deviceId: handset.deviceId, jobId: (queued.body as { jobId: string }).jobId };
}

async function refusedSession(h: GatewayHarness): Promise<string> {
  const handset = await provisionHandset(h, { scheme: 'basic', encoding: 'xml' });
  const answer = await postMessage(h.dmUrl, package1(handset.deviceId, `user-${handset.deviceId.slice(-6)}`, 'wrong-password'));
  expect(statusesOf(answer.message).header).toBe(401);
  return handset.deviceId;
}

describe('sessions that end without a last message are still reported, once', () => {
  let h: GatewayHarness;
  beforeEach(async () => {
    h = await startGateway({ config: { sessionTtlMs: TTL_MS } });
  });
  afterEach(async () => {
    await h.close();
  });

  it('a handset that stops answering mid-session is reported with outcome timeout after the session TTL, with its messages and job', async () => {
    const { deviceId, jobId } = await droppedSession(h);

    await h.gateway.sweep();
    expect(h.events.of('device.session-completed.v1')).toHaveLength(0);
    await pastTtl();
    await h.gateway.sweep();
    await h.gateway.sweep();

    const ended = await h.events.waitFor('device.session-completed.v1', (e) => e.data.deviceId === deviceId);
    expect(ended.data).toMatchObject({ outcome: 'timeout', initiator: 'client', authScheme: 'basic', messages: 1, jobIds: [jobId] });
    expect(Date.parse(ended.data.endedAt) - Date.parse(ended.data.startedAt)).toBeGreaterThanOrEqual(TTL_MS);
    expect(h.events.of('device.session-completed.v1')).toHaveLength(1);
    const log = await h.api('GET', `/api/v1/devices/${encodeURIComponent(deviceId)}/sessions`);
    expect(JSON.stringify(log.body)).toContain('"outcome":"timeout"');
  });

  it('the job of a session that timed out is reported interrupted by the sweep, once, and not re-sent', async () => {
    const { deviceId, jobId } = await droppedSession(h);

    await pastTtl();
    await h.gateway.sweep();
    await h.gateway.sweep();

    const done = await h.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.data).toMatchObject({ deviceId, outcome: 'interrupted' });
    expect(h.events.of('dm.command-completed.v1')).toHaveLength(1);
    const job = await h.api('GET', `/api/v1/devices/${encodeURIComponent(deviceId)}/jobs/${jobId}`);
    expect(job.body).toMatchObject({ state: 'interrupted' });
  });

  it('a handset that gives up after a refused credential is reported with outcome auth-failed', async () => {
    const deviceId = await refusedSession(h);

    await pastTtl();
    await h.gateway.sweep();

    const ended = await h.events.waitFor('device.session-completed.v1', (e) => e.data.deviceId === deviceId);
    expect(ended.data).toMatchObject({ outcome: 'auth-failed', authScheme: 'none', jobIds: [] });
    await h.gateway.sweep();
    expect(h.events.of('device.session-completed.v1')).toHaveLength(1);
  });

  it('a session that ended normally is not reported again by the sweep', async () => {
    const handset = await provisionHandset(h, { scheme: 'basic', encoding: 'xml' });
    await h.api('POST', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs`, { commands: [{ verb: 'Get', target: './DevDetail/FwV' }] });
    expect((await handset.startSession()).outcome).toBe('completed');

    await pastTtl();
    await h.gateway.sweep();

    expect(h.events.of('device.session-completed.v1').map((e) => e.data.outcome)).toEqual(['completed']);
  });
});

describe('a sweep pass with more silent sessions than one batch', () => {
  it('reports every one of them', async () => {
    const h = await startGateway({ config: { sessionTtlMs: TTL_MS, authFailuresBeforeLock: 1000 } });
    const handset = await provisionHandset(h, { scheme: 'basic', encoding: 'xml' });
    for (let i = 0; i < 130; i += 1) {
      await postMessage(h.dmUrl, package1(handset.deviceId, 'someone', 'wrong-password', { sessionId: String(100 + i) }));
    }

    await pastTtl();
    await h.gateway.sweep();

    await h.events.waitFor('device.session-completed.v1', () => h.events.of('device.session-completed.v1').length === 130);
    expect(new Set(h.events.of('device.session-completed.v1').map((e) => e.data.sessionId)).size).toBe(130);
    await h.close();
  });
});

describe('two gateway instances sweeping the same sessions', () => {
  it('report each silent session once between them', async () => {
    const bus = createInProcessEventBus({ source: '/services/dm-gateway' });
    const store = createEmbeddedStore({ file: ':memory:' });
    const kv = createMemoryKeyValueStore();
    const one = await startGateway({ bus, store, kv, config: { sessionTtlMs: TTL_MS } });
    const two = await startGateway({ bus, store, kv, config: { sessionTtlMs: TTL_MS }, events: false });
    const dropped = await droppedSession(one);
    const refused = await refusedSession(two);

    await pastTtl();
    await Promise.all([one.gateway.sweep(), two.gateway.sweep(), one.gateway.sweep(), two.gateway.sweep()]);

    await one.events.waitFor('device.session-completed.v1', (e) => e.data.deviceId === refused);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const reported = one.events.of('device.session-completed.v1').map((e) => `${e.data.deviceId}:${e.data.outcome}`);
    expect(reported.sort()).toEqual([`${dropped.deviceId}:timeout`, `${refused}:auth-failed`].sort());
    await one.close();
    await two.close();
    await bus.close();
    await store.close();
    await kv.close();
  });
});
