import { api, startCampaigns, type CampaignsHarness } from '../test-support/campaigns.harness';
import { campaignsOpenApi } from './campaigns.openapi';

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every `METHOD /path` the express router answers, with `:param` written `{param}`. */
function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route)
      return Object.keys(layer.route.methods).map(
        (m) => `${m.toUpperCase()} ${`${prefix}${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`.replace(/\/$/, '')}`,
      );
    if (layer.handle.stack)
      return routesOf(layer.handle.stack, `${prefix}${typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''}`);
    return [];
  });
}

const valid = {
  name: 'n',
  target: { kind: 'query', criteria: { model: 'X' } },
  action: { kind: 'apply-profile' },
  rateLimit: { perSecond: 5 },
};

describe('campaigns REST API', () => {
  let h: CampaignsHarness;
  beforeAll(async () => {
    h = await startCampaigns();
  });
  afterAll(async () => {
    await h.close();
  });

  it('documents exactly the routes the router serves', () => {
    const documented = Object.entries(campaignsOpenApi.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} /api/v1${path}`),
    );
    expect(routesOf(h.campaigns.router.stack as unknown as Layer[]).sort()).toEqual(documented.sort());
  });

  it('keeps every schema reference of the fragment inside it', () => {
    const refs = [...JSON.stringify(campaignsOpenApi).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    for (const ref of refs) expect(Object.keys(campaignsOpenApi.components.schemas)).toContain(ref);
  });

  it('refuses a wrong token with 401 problem+json', async () => {
    const response = await api(h, 'GET', '/api/v1/campaigns', undefined, 'wrong');
    expect(response.status).toBe(401);
    expect(response.type).toContain('application/problem+json');
  });

  it('answers 400 problem+json naming what is wrong in a bad campaign', async () => {
    for (const body of [
      { ...valid, rateLimit: { perSecond: 0 } },
      { ...valid, target: { kind: 'query', criteria: { model: 'X', cursor: 'abc' } } },
      { ...valid, target: { kind: 'list', devices: [{}] } },
      { ...valid, action: { kind: 'commands', commands: [{ verb: 'Atomic' }] } },
      { ...valid, schedule: { daily: { from: '25:00', to: '06:00' } } },
      { ...valid, schedule: { startAt: '2026-12-02T00:00:00Z', endAt: '2026-12-01T00:00:00Z' } },
    ]) {
      const response = await api(h, 'POST', '/api/v1/campaigns', body);
      expect(response.status).toBe(400);
      expect(response.type).toContain('application/problem+json');
      expect(response.body.code).toBe('INVALID_CAMPAIGN_REQUEST');
    }
    expect((await api(h, 'GET', '/api/v1/campaigns?state=sleeping')).status).toBe(400);
    expect((await api(h, 'GET', '/api/v1/campaigns/not-an-id')).status).toBe(400);
  });

  it('creates a draft (201, Location), lists it, and refuses steps its state does not allow (409)', async () => {
    const created = await api(h, 'POST', '/api/v1/campaigns', valid);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'n', state: 'draft', retry: { maxAttempts: 3 } });
    const id = created.body.id as string;
    const got = await api(h, 'GET', `/api/v1/campaigns/${id}`);
    expect(got.body.progress).toMatchObject({ counts: { total: 0, pending: 0 }, eta: null });
    const listed = await api(h, 'GET', '/api/v1/campaigns?state=draft&limit=200');
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(id);
    const conflict = await api(h, 'POST', `/api/v1/campaigns/${id}/pause`);
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('CAMPAIGN_STATE_CONFLICT');
    expect((await api(h, 'POST', `/api/v1/campaigns/${id}/cancel`)).body.state).toBe('cancelled');
    expect((await api(h, 'POST', `/api/v1/campaigns/${id}/start`)).status).toBe(409);
  });

  it('answers 404 problem+json for an unknown campaign', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/campaigns/cmp-unknown'],
      ['GET', '/api/v1/campaigns/cmp-unknown/devices'],
      ['POST', '/api/v1/campaigns/cmp-unknown/start'],
    ] as const) {
      const response = await api(h, method, path);
      expect(response.status).toBe(404);
      expect(response.type).toContain('application/problem+json');
    }
  });

  it('serves the campaign RPC subjects', async () => {
    const { id } = (await api(h, 'POST', '/api/v1/campaigns', valid)).body as { id: string };
    expect(await h.rpc.request('config.campaign-get.v1', { id: 'cmp-none' })).toEqual({ campaign: null });
    const started = await h.rpc.request('config.campaign-control.v1', { id, action: 'pause', requestedBy: 'console:u1' }).catch((e: unknown) => e);
    expect(started).toMatchObject({ code: 'CAMPAIGN_STATE_CONFLICT' });
    const cancelled = await h.rpc.request('config.campaign-control.v1', { id, action: 'cancel', requestedBy: 'console:u1' });
    expect(cancelled.campaign).toMatchObject({ id, state: 'cancelled', counts: { total: 0 } });
  });
});
