import { startGateway, provisionHandset, type GatewayHarness } from './test-support/gateway.harness';

jest.setTimeout(30_000);

describe('dm-gateway sessions with simulated handsets (embedded adapters)', () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGateway();
  });
  afterAll(async () => {
    await h.close();
  });

  const cases = (['basic', 'md5', 'hmac'] as const).flatMap((scheme) => (['xml', 'wbxml'] as const).map((encoding) => ({ scheme, encoding })));

  it.each(cases)('a handset with $scheme auth completes a session in $encoding and the server authenticates itself', async ({ scheme, encoding }) => {
    const handset = await provisionHandset(h, { scheme, encoding });

    const first = await handset.startSession();
    const second = await handset.startSession();

    expect(first.outcome).toBe('completed');
    expect(second.outcome).toBe('completed');
    expect(second.authRetries).toBe(0);
    const sessions = h.events.of('device.session-completed.v1').filter((e) => e.data.deviceId === handset.deviceId);
    await h.events.waitFor('device.session-completed.v1', (e) => e.data.deviceId === handset.deviceId && e.data.sessionId === second.sessionId);
    expect(sessions[0]?.data).toMatchObject({ outcome: 'completed', encoding, authScheme: { basic: 'basic', md5: 'md5-digest', hmac: 'hmac-md5' }[scheme], initiator: 'client' });
  });

  it('reports the DevInfo of Package 1 as inventory', async () => {
    const handset = await provisionHandset(h, { scheme: 'md5', encoding: 'xml' });
    await handset.startSession();
    const inventory = await h.events.waitFor('device.inventory-reported.v1', (e) => e.data.deviceId === handset.deviceId);
    expect(inventory.data.devInfo.devId).toBe(handset.deviceId);
    expect(inventory.data.imei).toBe(handset.deviceId.slice(5));
  });

  it('keeps the connection for the messages of a session and closes it with the last one', async () => {
    const connections: (string | null)[] = [];
    const recording: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      connections.push(res.headers.get('connection'));
      return res;
    };
    const handset = await provisionHandset(h, { scheme: 'md5', encoding: 'wbxml', handset: { fetch: recording } });
    const queued = await h.api('POST', `/api/v1/devices/${encodeURIComponent(handset.deviceId)}/jobs`, { commands: [{ verb: 'Get', target: './DevDetail/FwV' }] });
    expect(queued.status).toBe(201);

    const report = await handset.startSession();

    expect(report.outcome).toBe('completed');
    expect(connections.length).toBeGreaterThanOrEqual(2);
    expect(connections.at(-1)).toBe('close');
    expect(connections.slice(0, -1)).not.toContain('close');
  });
});
