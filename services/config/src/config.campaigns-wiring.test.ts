import { startConfig, eventually, type ConfigHarness } from './test-support/service.harness';
import { TreeGateway } from './test-support/tree-gateway.fixture';

const IMEI = '356938035643809';

describe('campaigns inside the config service', () => {
  let h: ConfigHarness;
  let gw: TreeGateway;
  beforeAll(async () => {
    h = await startConfig();
    gw = await new TreeGateway(h.bus).start();
    await h.rpc.serve({ subject: 'diagnostics.check-consent.v1', handler: async () => ({ state: 'granted' }) });
    // subscriber-terminal: the handset behind the IMEI is a vendor-x model.
    await h.rpc.serve({
      subject: 'subscriber-terminal.get-terminal.v1',
      handler: async ({ imei }) => ({ terminal: { imei, givenImei: imei, tac: imei.slice(0, 8), manufacturer: 'Xphone', model: 'X-200', lastSeenAt: '2026-11-28T00:00:00Z', catalog: null } }),
    });
  });
  afterAll(async () => {
    await gw.close();
    await h.close();
  });

  it('an apply-profile campaign is served under /api/v1/campaigns and plans through the config templates', async () => {
    const tree = gw.handset(`IMEI:${IMEI}`, 'vendor-x');
    const created = await h.api('POST', '/api/v1/campaigns', {
      name: 'home page',
      target: { kind: 'list', devices: [{ deviceId: `IMEI:${IMEI}` }] },
      action: { kind: 'apply-profile', settings: ['wap'] },
      rateLimit: { perSecond: 100 },
    });
    expect(created.status).toBe(201);
    expect((await h.api('POST', `/api/v1/campaigns/${created.body.id}/start`)).status).toBe(200);
    await eventually(() => expect(tree.text('./Vendor/X/Browser/HomePage')).toBe('http://portal.operator.example/'), 15_000);
    expect(gw.requests.at(-1)!.commands).toEqual([
      { verb: 'Replace', target: './Vendor/X/Browser/HomePage', data: 'http://portal.operator.example/', format: 'chr', type: 'text/plain' },
    ]);
    expect((await h.api('GET', '/api/v1/campaigns', undefined, 'wrong')).status).toBe(401);
  });
});
