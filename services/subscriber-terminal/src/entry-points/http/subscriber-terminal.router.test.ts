import { detection, eventually } from '../../test-support/detection.fixtures';
import { api, startHarness, type Harness } from '../../test-support/service.harness';
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
      return Object.keys(layer.route.methods).map(
        (m) => `${m.toUpperCase()} ${prefix}${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
      );
    if (layer.handle.stack)
      return routesOf(
        layer.handle.stack,
        `${prefix}${typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''}`,
      );
    return [];
  });
}

const t = (day: number): string => `2026-04-${String(day).padStart(2, '0')}T08:00:00.000Z`;

describe('REST API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    for (let i = 0; i < 5; i++)
      await h.bus.publish(
        'terminal.combination-detected.v1',
        detection(`4917000000${i}`, `3569380356438${i}`, t(i + 1)),
        { id: `d${i}` },
      );
    await eventually(async () => expect(h.updates).toHaveLength(5));
  });
  afterAll(async () => {
    await h.close();
  });

  it('documents exactly the routes the router serves', () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} /api/v1${path}`),
    );
    expect(routesOf(h.service.router.stack as unknown as Layer[]).sort()).toEqual(documented.sort());
  });

  it('serves the OpenAPI document without a token', async () => {
    const response = await fetch(`${h.http.url}/api/v1/subscriber-terminal/openapi.json`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('refuses a request without the admin token with 401 problem+json', async () => {
    const response = await fetch(`${h.http.url}/api/v1/subscribers/491700000000`, {
      headers: { authorization: 'Bearer wrong' },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 404 problem+json for an unknown subscriber, terminal and TAC', async () => {
    for (const path of [
      '/api/v1/subscribers/499999999999',
      '/api/v1/terminals/35000000000000',
      '/api/v1/catalog/35000000',
    ]) {
      const response = await api(h, 'GET', path);
      expect([path, response.status, response.type]).toEqual([
        path,
        404,
        expect.stringContaining('application/problem+json'),
      ]);
    }
  });

  it('pages through a query with the opaque cursor', async () => {
    const first = await api(h, 'GET', '/api/v1/subscribers?tac=35693803&limit=2');
    const second = await api(
      h,
      'GET',
      `/api/v1/subscribers?tac=35693803&limit=2&cursor=${first.body.nextCursor}`,
    );
    const third = await api(
      h,
      'GET',
      `/api/v1/subscribers?tac=35693803&limit=2&cursor=${second.body.nextCursor}`,
    );
    const all = [first, second, third].flatMap((p) => p.body.items.map((s: { msisdn: string }) => s.msisdn));
    expect(all).toEqual(['49170000000', '49170000001', '49170000002', '49170000003', '49170000004']);
    expect(third.body.nextCursor).toBeNull();
  });

  it('filters by last-seen window', async () => {
    const page = await api(h, 'GET', `/api/v1/subscribers?lastSeenAfter=${t(2)}&lastSeenBefore=${t(5)}`);
    expect(page.body.items.map((s: { msisdn: string }) => s.msisdn)).toEqual(['49170000002', '49170000003']);
  });

  it('merges attributes, deletes one given null, and finds subscribers by attribute', async () => {
    await api(
      h,
      'PATCH',
      '/api/v1/subscribers/49170000001/attributes',
      JSON.stringify({ segment: 'gold', tariff: 'x' }),
    );
    const patched = await api(
      h,
      'PATCH',
      '/api/v1/subscribers/49170000001/attributes',
      JSON.stringify({ tariff: null, region: 'north' }),
    );
    expect(patched.body).toEqual({ attributes: { segment: 'gold', region: 'north' } });
    const page = await api(h, 'GET', '/api/v1/subscribers?attr.segment=gold');
    expect(page.body.items.map((s: { msisdn: string }) => s.msisdn)).toEqual(['49170000001']);
    await eventually(async () =>
      expect(h.updates.filter((u) => u.data.change === 'attributes-changed')).toHaveLength(2),
    );
  });

  it('refuses a non-string attribute and an unknown query parameter with 400', async () => {
    expect(
      (await api(h, 'PATCH', '/api/v1/subscribers/49170000001/attributes', JSON.stringify({ segment: 5 })))
        .status,
    ).toBe(400);
    expect((await api(h, 'GET', '/api/v1/subscribers?colour=red')).status).toBe(400);
    expect(
      (await api(h, 'PATCH', '/api/v1/subscribers/499999999999/attributes', JSON.stringify({ a: 'b' })))
        .status,
    ).toBe(404);
  });

  it('sets a tenant, finds the subscriber by it, removes it given null, announcing each change', async () => {
    const before = h.updates.length;
    const set = await api(h, 'PUT', '/api/v1/subscribers/49170000002/tenant', JSON.stringify({ tenantId: 'acme' }));
    expect(set).toMatchObject({ status: 200, body: { tenantId: 'acme' } });
    expect((await api(h, 'GET', '/api/v1/subscribers/49170000002')).body.tenantId).toBe('acme');
    const page = await api(h, 'GET', '/api/v1/subscribers?tenant=acme');
    expect(page.body.items.map((s: { msisdn: string }) => s.msisdn)).toEqual(['49170000002']);
    await api(h, 'PUT', '/api/v1/subscribers/49170000002/tenant', JSON.stringify({ tenantId: 'acme' }));
    const removed = await api(h, 'PUT', '/api/v1/subscribers/49170000002/tenant', JSON.stringify({ tenantId: null }));
    expect(removed).toMatchObject({ status: 200, body: { tenantId: null } });
    expect((await api(h, 'GET', '/api/v1/subscribers/49170000002')).body).not.toHaveProperty('tenantId');
    // Two changes, two announcements carrying the tenant (none after the removal); setting the same tenant again announces nothing.
    await eventually(async () =>
      expect(h.updates.slice(before).map((u) => [u.data.msisdn, u.data.change, u.data.tenantId])).toEqual([
        ['49170000002', 'attributes-changed', 'acme'],
        ['49170000002', 'attributes-changed', undefined],
      ]),
    );
  });

  it('refuses a bad tenant body with 400 and an unknown subscriber with 404 problem+json', async () => {
    for (const body of ['{}', '{"tenantId":5}', '{"tenantId":""}', '{"tenantId":"a","x":1}', '[]'])
      expect([body, (await api(h, 'PUT', '/api/v1/subscribers/49170000002/tenant', body)).status]).toEqual([
        body,
        400,
      ]);
    const unknown = await api(h, 'PUT', '/api/v1/subscribers/499999999999/tenant', '{"tenantId":"acme"}');
    expect([unknown.status, unknown.type]).toEqual([404, expect.stringContaining('application/problem+json')]);
  });

  it('refuses a CSV with a bad row with 400 naming the line', async () => {
    const response = await api(
      h,
      'POST',
      '/api/v1/catalog/import',
      'tac,manufacturer,model\n123,A,B\n',
      'text/csv',
    );
    expect(response.status).toBe(400);
    expect(response.body.detail).toContain('line 2');
  });
});
