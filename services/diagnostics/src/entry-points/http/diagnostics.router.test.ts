import { nextImei } from '../../test-support/detection.fixture';
import { startHarness, type Harness } from '../../test-support/diagnostics.harness';
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

const M = '491703330000';
const IMEI = nextImei();

describe('diagnostics REST API', () => {
  let h: Harness;
  let now = new Date('2026-11-28T10:00:00.000Z');
  beforeAll(async () => {
    h = await startHarness({ terminals: new Map([[IMEI, { currentMsisdn: M }]]), clock: () => now });
  });
  afterAll(async () => {
    await h.close();
  });

  it('documents exactly the routes the router serves', () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} /api/v1${path}`));
    expect(doc.openapi).toBe('3.1.0');
    expect(routesOf(h.service.router.stack as unknown as Layer[]).sort()).toEqual(documented.sort());
  });

  it('serves the OpenAPI document without a token', async () => {
    const res = await fetch(`${h.http.url}/api/v1/diagnostics/openapi.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { components: { schemas: Record<string, unknown> } }).components.schemas).toHaveProperty('DiagnosticReport');
  });

  it.each([
    ['GET', `/api/v1/subscribers/${M}/consent`],
    ['PUT', `/api/v1/subscribers/${M}/consent/read-diagnostics`],
    ['POST', '/api/v1/diagnostics/runs'],
    ['GET', `/api/v1/diagnostics/reports?msisdn=${M}`],
  ])('refuses %s %s with a wrong token: 401 problem+json', async (method, path) => {
    const res = await h.api(method, path, method === 'GET' ? undefined : { decision: 'grant' }, 'wrong-token');
    expect(res.status).toBe(401);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.code).toBe('UNAUTHORIZED');
  });

  it('grants until a time, shows it, revokes, and lists the audit newest first', async () => {
    const granted = await h.api('PUT', `/api/v1/subscribers/${M}/consent/read-diagnostics`, { decision: 'grant', until: '2026-12-01T00:00:00Z', decidedBy: 'subscriber' });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ msisdn: M, category: 'read-diagnostics', state: 'granted', until: '2026-12-01T00:00:00.000Z', decidedBy: 'subscriber' });
    const all = await h.api('GET', `/api/v1/subscribers/${M}/consent`);
    expect(all.body.grants.find((g: { category: string }) => g.category === 'read-diagnostics').state).toBe('granted');
    now = new Date('2026-12-02T00:00:00.000Z');
    const lapsed = await h.api('GET', `/api/v1/subscribers/${M}/consent`);
    expect(lapsed.body.grants.find((g: { category: string }) => g.category === 'read-diagnostics').state).toBe('not-asked');
    now = new Date('2026-12-02T01:00:00.000Z');
    await h.api('PUT', `/api/v1/subscribers/${M}/consent/read-diagnostics`, { decision: 'revoke' });
    const audit = await h.api('GET', `/api/v1/subscribers/${M}/consent/audit`);
    expect(audit.body.items.map((e: { action: string; decidedBy: string; before: { state: string } }) => [e.action, e.decidedBy, e.before.state])).toEqual([
      ['revoke', 'api', 'not-asked'],
      ['grant', 'subscriber', 'not-asked'],
    ]);
  });

  it.each([
    ['an unknown category', `/api/v1/subscribers/${M}/consent/read-minds`, { decision: 'grant' }],
    ['an unknown decision', `/api/v1/subscribers/${M}/consent/read-diagnostics`, { decision: 'maybe' }],
    ['an extra field', `/api/v1/subscribers/${M}/consent/read-diagnostics`, { decision: 'grant', forever: true }],
    ['a bad MSISDN', '/api/v1/subscribers/12ab/consent/read-diagnostics', { decision: 'grant' }],
    ['a time that is no time', `/api/v1/subscribers/${M}/consent/read-diagnostics`, { decision: 'grant', until: 'tomorrow' }],
  ])('refuses %s with 400 problem+json', async (_what, path, body) => {
    const res = await h.api('PUT', path, body);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(res.body.code).toBe('DIAGNOSTICS_INVALID_REQUEST');
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await h.api('POST', '/api/v1/diagnostics/runs', '{"msisdn":');
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
  });

  it('starts a run by MSISDN, finds its report by id, MSISDN and device', async () => {
    await h.api('PUT', `/api/v1/subscribers/${M}/consent/read-diagnostics`, { decision: 'grant' });
    const run = await h.api('POST', '/api/v1/diagnostics/runs', { msisdn: M });
    expect(run.status).toBe(202);
    expect(run.body).toEqual({ reportId: expect.stringMatching(/^run-/), deviceId: `IMEI:${IMEI}` });
    const one = await h.api('GET', `/api/v1/diagnostics/reports/${run.body.reportId}`);
    expect(one.body).toMatchObject({ reportId: run.body.reportId, status: 'running', trigger: 'manual', requestedBy: 'api', msisdn: M });
    expect(one.body.outcome).toBeUndefined();
    const byMsisdn = await h.api('GET', `/api/v1/diagnostics/reports?msisdn=${M}`);
    const byDevice = await h.api('GET', `/api/v1/diagnostics/reports?deviceId=${encodeURIComponent(`IMEI:${IMEI}`)}&limit=5`);
    expect(byMsisdn.body.reports.map((r: { reportId: string }) => r.reportId)).toContain(run.body.reportId);
    expect(byDevice.body.reports.map((r: { reportId: string }) => r.reportId)).toContain(run.body.reportId);
    expect(h.events['dm.command-requested.v1'].map((e) => e.data.correlationId)).toContain(run.body.reportId);
  });

  it('a run for a subscriber who revoked consent is declined at once, without a job', async () => {
    await h.api('PUT', `/api/v1/subscribers/${M}/consent/read-diagnostics`, { decision: 'revoke' });
    const run = await h.api('POST', '/api/v1/diagnostics/runs', { deviceId: `IMEI:${IMEI}` });
    const one = await h.api('GET', `/api/v1/diagnostics/reports/${run.body.reportId}`);
    expect(one.body).toMatchObject({ status: 'completed', outcome: 'declined', msisdn: M });
    expect(h.events['dm.command-requested.v1'].map((e) => e.data.correlationId)).not.toContain(run.body.reportId);
  });

  it('answers 404 for an unknown subscriber and an unknown report, 400 for a run without a target', async () => {
    expect((await h.api('POST', '/api/v1/diagnostics/runs', { msisdn: '491709999999' })).body.code).toBe('HANDSET_NOT_FOUND');
    expect((await h.api('GET', '/api/v1/diagnostics/reports/nope')).status).toBe(404);
    expect((await h.api('POST', '/api/v1/diagnostics/runs', {})).status).toBe(400);
    expect((await h.api('POST', '/api/v1/diagnostics/runs', { deviceId: 'IMEI:12' })).status).toBe(400);
    expect((await h.api('GET', '/api/v1/diagnostics/reports')).status).toBe(400);
  });
});
