import { startConfig, type ConfigHarness } from '../../test-support/service.harness';
import { openApiDocument } from './openapi.document';

interface Layer {
  rawPath?: string;
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every `METHOD /path` the express router answers, with `:param` written `{param}`. */
function routesOf(stack: Layer[], prefix = ''): string[] {
  return stack.flatMap((layer) => {
    if (layer.route)
      return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${prefix}${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`);
    if (layer.handle.stack)
      return routesOf(layer.handle.stack, `${prefix}${typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''}`);
    return [];
  });
}

describe('config REST API', () => {
  let h: ConfigHarness;
  beforeAll(async () => {
    h = await startConfig();
  });
  afterAll(async () => h.close());

  it('router and OpenAPI 3.1 document list the same routes (campaigns included)', async () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const served = routesOf((h.service.router as unknown as { stack: Layer[] }).stack)
      .filter((r) => !r.endsWith('/openapi.json'))
      .map((r) => r.replace(/\/$/, ''));
    expect(served.sort()).toEqual(documented.sort());
    const response = await fetch(`${h.http.url}/api/v1/config/openapi.json`);
    expect(((await response.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('refuses a wrong token with 401 problem+json', async () => {
    const res = await h.api('GET', '/api/v1/config/profiles', undefined, 'wrong');
    expect([res.status, res.type]).toEqual([401, expect.stringContaining('application/problem+json')]);
  });

  it('serves the sample profile loaded on first start, never showing the Internet password', async () => {
    await h.api('PUT', '/api/v1/config/profiles/operator-default', {
      ...(await h.api('GET', '/api/v1/config/profiles/operator-default')).body,
      id: undefined,
      version: undefined,
      createdAt: undefined,
      internet: { name: 'Operator Internet', apn: 'internet.operator.example', authType: 'PAP', user: 'web', password: 'top-secret' },
    });
    const list = await h.api('GET', '/api/v1/config/profiles');
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual(['operator-default']);
    expect(JSON.stringify(list.body)).not.toContain('top-secret');
    expect(list.body.items[0].internet).toMatchObject({ passwordSet: true });
  });

  it('creates a profile, writes versions, keeps old versions readable, and keeps a password left out', async () => {
    const body = { name: 'Corporate', internet: { apn: 'corp.apn', authType: 'CHAP', user: 'u', password: 'pw1' } };
    const created = await h.api('POST', '/api/v1/config/profiles', { id: 'corporate', ...body });
    expect([created.status, created.body.version]).toEqual([201, 1]);
    expect((await h.api('POST', '/api/v1/config/profiles', { id: 'corporate', ...body })).status).toBe(409);
    const v2 = await h.api('PUT', '/api/v1/config/profiles/corporate', { name: 'Corporate', internet: { apn: 'corp2.apn', authType: 'CHAP', user: 'u' } });
    expect([v2.status, v2.body.version, v2.body.internet.passwordSet]).toEqual([200, 2, true]);
    expect((await h.api('GET', '/api/v1/config/profiles/corporate?version=1')).body.internet.apn).toBe('corp.apn');
    expect((await h.api('GET', '/api/v1/config/profiles/corporate')).body.internet.apn).toBe('corp2.apn');
  });

  it('answers 400 problem+json for invalid bodies and 404 for unknown profiles, templates and devices', async () => {
    const bad = await h.api('POST', '/api/v1/config/profiles', { id: 'x', name: 'X', mms: { mmscUrl: 'not a url' } });
    expect([bad.status, bad.type, bad.body.code]).toEqual([400, expect.stringContaining('problem+json'), 'INVALID_REQUEST']);
    expect((await h.api('POST', '/api/v1/config/profiles', '{not json')).status).toBe(400);
    expect((await h.api('PUT', '/api/v1/config/templates/t1', { family: 'nokia-s40', match: { manufacturer: 'x' } })).status).toBe(400);
    expect((await h.api('PUT', '/api/v1/config/templates/t1', { family: 'vendor-x', match: {} })).status).toBe(400);
    expect((await h.api('PUT', '/api/v1/config/templates/t1', { family: 'vendor-x', match: { model: '([' } })).status).toBe(400);
    for (const path of ['/api/v1/config/profiles/nope', '/api/v1/config/templates/nope', '/api/v1/config/devices/IMEI:356938035643809'])
      expect([path, (await h.api('GET', path)).status]).toEqual([path, 404]);
  });

  it('edits template match rules through the API, which changes what expected-settings answers', async () => {
    expect((await h.api('GET', '/api/v1/config/templates')).body.items.map((t: { id: string }) => t.id).sort()).toEqual(['oma-standard', 'vendor-x']);
    expect((await h.rpc.request('config.expected-settings.v1', { manufacturer: 'Zeta', model: 'Z1' })).expected).toBeNull();
    const put = await h.api('PUT', '/api/v1/config/templates/zeta', { family: 'vendor-x', match: { manufacturer: '^Zeta$', tacs: ['35000001'] }, priority: 200 });
    expect(put.status).toBe(201);
    expect((await h.rpc.request('config.expected-settings.v1', { manufacturer: 'Zeta', model: 'Z1' })).expected).toBeNull();
    const { expected } = await h.rpc.request('config.expected-settings.v1', { manufacturer: 'zeta', tac: '35000001' });
    expect(expected).toMatchObject({ family: 'vendor-x', templateId: 'zeta', profileId: 'operator-default' });
    expect(expected!.reads).toContain('./Vendor/X/Settings/MMS/MMSC');
  });

  it('resend queues a job (202) and the device state is served by REST and RPC; bad settings are 400, unknown models 422', async () => {
    const res = await h.api('POST', '/api/v1/config/devices/IMEI:356938035643809/resend', { settings: ['wap'] });
    expect(res.status).toBe(422); // the IMEI's model is unknown (no subscriber-terminal here)
    const seeded = await h.rpc.request('config.resend.v1', { deviceId: 'IMEI:356938035643809', requestedBy: 'test' }).catch((e: unknown) => e);
    expect(seeded).toBeInstanceOf(Error);
    await h.rpc.serve({
      subject: 'subscriber-terminal.get-terminal.v1',
      handler: async ({ imei }) => ({ terminal: { imei, givenImei: imei, tac: imei.slice(0, 8), manufacturer: 'Acme', model: 'AcmePhone 1', lastSeenAt: '2026-11-28T00:00:00Z', catalog: null } }),
    });
    const ok = await h.api('POST', '/api/v1/config/devices/IMEI:356938035643809/resend', { settings: ['wap'] });
    expect([ok.status, typeof ok.body.jobId]).toEqual([202, 'string']);
    const state = await h.api('GET', '/api/v1/config/devices/IMEI:356938035643809');
    expect(state.body).toMatchObject({ state: 'pending', settings: ['wap'], lastJobId: ok.body.jobId });
    expect((await h.rpc.request('config.device-state.v1', { deviceId: 'IMEI:356938035643809' })).state).toMatchObject({ lastJobId: ok.body.jobId });
    expect((await h.api('POST', '/api/v1/config/devices/IMEI:356938035643809/resend', { settings: ['fax'] })).status).toBe(400);
  });
});
