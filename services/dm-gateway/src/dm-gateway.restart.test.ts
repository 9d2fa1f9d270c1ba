import { createEmbeddedStore, createMemoryKeyValueStore } from '@dms/store';
import { createInProcessEventBus } from '@dms/bus';
import { provisionHandset, startGateway } from './test-support/gateway.harness';

jest.setTimeout(60_000);

describe('a job is never run twice across a gateway restart', () => {
  it('a job whose session state was lost is reported interrupted with what was recorded, and not re-sent', async () => {
    const store = createEmbeddedStore({ file: ':memory:' });
    const bus = createInProcessEventBus({ source: '/services/dm-gateway' });
    const before = await startGateway({ store, bus, kv: createMemoryKeyValueStore() });
    const handset = await provisionHandset(before, { scheme: 'basic', encoding: 'xml', handset: { misbehave: { dropConnectionAfterMessages: 1 } } });
    const queued = await before.api('POST', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs`, { commands: [{ verb: 'Replace', target: './FUMO/FwPkg1/PkgName', data: 'once' }] });
    const jobId = (queued.body as { jobId: string }).jobId;

    const dropped = await handset.startSession();
    expect(dropped.outcome).toBe('connection-dropped');
    expect(handset.tree.text('./FUMO/FwPkg1/PkgName')).toBe('once');
    expect((await before.api('GET', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs/${jobId}`)).body).toMatchObject({ state: 'running' });
    await before.close();

    // The restarted gateway has the same store and bus but lost the in-memory session state.
    const after = await startGateway({ store, bus, kv: createMemoryKeyValueStore() });
    handset.tree.set('./FUMO/FwPkg1/PkgName', { value: 'changed-by-user' });
    const healthy = await provisionHandset(after, { scheme: 'basic', encoding: 'xml', deviceId: handset.deviceId });
    healthy.tree.set('./FUMO/FwPkg1/PkgName', { value: 'untouched' });
    const report = await healthy.startSession();

    expect(report.outcome).toBe('completed');
    expect(healthy.tree.text('./FUMO/FwPkg1/PkgName')).toBe('untouched');
    const done = await after.events.waitFor('dm.command-completed.v1', (e) => e.data.jobId === jobId);
    expect(done.data.outcome).toBe('interrupted');
    expect((await after.api('GET', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs/${jobId}`)).body).toMatchObject({ state: 'interrupted' });
    await after.close();
    await bus.close();
    await store.close();
  });
});
