import type { Router } from 'express';
import { startGateway, type GatewayHarness } from '../../test-support/gateway.harness';
import { openApiDocument } from './openapi.document';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  name: string;
  handle: Router & { stack?: Layer[] };
  rawPath?: string;
}

/** "METHOD /path/{param}" of every route the router serves under /api/v1. */
function routesOf(router: Router, prefix = ''): string[] {
  return (router.stack as unknown as Layer[]).flatMap((layer) => {
    if (layer.route !== undefined) return Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${prefix}${layer.route?.path.replace(/:(\w+)/g, '{$1}')}`);
    if (layer.name === 'router' && layer.handle.stack !== undefined) {
      const mount = layer.rawPath === undefined || layer.rawPath === '/' ? '' : layer.rawPath;
      return routesOf(layer.handle, `${prefix}${mount}`);
    }
    return [];
  });
}

describe('dm-gateway REST API', () => {
  let h: GatewayHarness;
  beforeAll(async () => {
    h = await startGateway({ events: false });
  });
  afterAll(async () => {
    await h.close();
  });

  it('the OpenAPI document and the router list the same operations', () => {
    const documented = Object.entries(openApiDocument.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    const served = routesOf(h.gateway.router).filter((r) => r.includes('/api/v1/') && !r.endsWith('openapi.json')).sort();
    expect(served).toEqual(documented);
  });

  it('serves the OpenAPI document', async () => {
    const res = await fetch(`${h.http.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('refuses a missing or wrong bearer token with 401 problem+json', async () => {
    const res = await h.api('GET', '/api/v1/dm-accounts/IMEI:1', undefined, 'wrong');
    expect(res.status).toBe(401);
    expect(res.type).toContain('application/problem+json');
  });

  it('creates, reads and deletes a DM account and never returns a secret', async () => {
    const created = await h.api('POST', '/api/v1/dm-accounts', { deviceId: 'IMEI:356938035643809', username: 'alice', password: 'client-pw', authType: 'md5', serverId: 'dms', serverPassword: 'server-pw' });
    expect(created.status).toBe(201);
    const read = await h.api('GET', '/api/v1/dm-accounts/IMEI:356938035643809');
    expect(read.body).toEqual({ deviceId: 'IMEI:356938035643809', username: 'alice', authType: 'md5', serverId: 'dms', source: 'stored' });
    expect(JSON.stringify(read.body)).not.toMatch(/pw|hash/i);
    expect((await h.api('DELETE', '/api/v1/dm-accounts/IMEI:356938035643809')).status).toBe(204);
    expect((await h.api('GET', '/api/v1/dm-accounts/IMEI:356938035643809')).status).toBe(404);
  });

  it('rejects an invalid job with 400 problem+json naming the field', async () => {
    const res = await h.api('POST', '/api/v1/devices/IMEI:1/jobs', { commands: [{ verb: 'Atomic', children: [{ verb: 'Get', target: './x' }] }] });
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/problem+json');
    expect(JSON.stringify(res.body)).toContain('Atomic cannot contain Get');
  });

  it('rejects a wake-up MSISDN that is not 6 to 15 digits with 400 naming msisdn', async () => {
    const res = await h.api('POST', '/api/v1/devices/IMEI:4/jobs', { commands: [{ verb: 'Get', target: './DevDetail/FwV' }], notify: true, msisdn: '+49 170 1112233' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('msisdn');
  });

  it('queues a job and shows it queued with no results', async () => {
    const res = await h.api('POST', '/api/v1/devices/IMEI:2/jobs', { commands: [{ verb: 'Get', target: './DevDetail/FwV' }] });
    expect(res.status).toBe(201);
    const { jobId } = res.body as { jobId: string };
    expect((await h.api('GET', `/api/v1/devices/IMEI:2/jobs/${jobId}`)).body).toMatchObject({ jobId, state: 'queued', results: [] });
    expect((await h.api('GET', `/api/v1/devices/IMEI:3/jobs/${jobId}`)).status).toBe(404);
  });
});
