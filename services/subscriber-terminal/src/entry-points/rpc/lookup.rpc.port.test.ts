import { detection, eventually } from '../../test-support/detection.fixtures';
import { startHarness, type Harness } from '../../test-support/service.harness';

describe('RPC lookups over the Rpc port (needs the subjects in rpcCatalog)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.bus.publish(
      'terminal.combination-detected.v1',
      detection('491706666666', '35693803564380', '2026-05-01T00:00:00Z'),
      { id: 'd1' },
    );
    await eventually(async () => expect(h.updates).toHaveLength(1));
  });
  afterAll(async () => {
    await h.close();
  });
  it('serves get-subscriber, get-terminal and query', async () => {
    const sub = await h.rpc.request('subscriber-terminal.get-subscriber.v1', { msisdn: '491706666666' });
    expect(sub.subscriber?.history).toHaveLength(1);
    expect(await h.rpc.request('subscriber-terminal.get-subscriber.v1', { msisdn: '499999999999' })).toEqual({
      subscriber: null,
    });
    const terminal = await h.rpc.request('subscriber-terminal.get-terminal.v1', { imei: '35693803564380' });
    expect(terminal.terminal?.tac).toBe('35693803');
    const page = await h.rpc.request('subscriber-terminal.query.v1', { criteria: { tac: '35693803' } });
    expect(page.items.map((s) => s.msisdn)).toEqual(['491706666666']);
  });
});
