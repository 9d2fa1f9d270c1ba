import express from 'express';
import { createMetricsRegistry } from '../metrics/metrics.registry';
import { httpMetrics } from './http-metrics.middleware';
import { startHttpServer, type RunningHttpServer } from './http-server';
import { createOpsRouter, type OpsRouterOptions } from './ops.router';

let running: RunningHttpServer | undefined;

afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function serve(options: Partial<OpsRouterOptions> = {}): Promise<string> {
  const registry = options.registry ?? createMetricsRegistry({ service: 'ops-test' });
  const app = express();
  app.use(httpMetrics(registry));
  app.use(createOpsRouter({ registry, ...options }));
  app.get('/devices/:id', (_req, res) => void res.json({ ok: true }));
  const api = express.Router();
  api.get('/campaigns/:campaignId', (_req, res) => void res.json({ ok: true }));
  app.use('/api', api);
  running = await startHttpServer(app, { port: 0, host: '127.0.0.1' });
  return running.url;
}

describe('ops router', () => {
  it('answers /healthz 200 while running and 503 while draining', async () => {
    let draining = false;
    const url = await serve({ lifecycle: { isDraining: () => draining } });

    const live = await fetch(`${url}/healthz`);
    draining = true;
    const drained = await fetch(`${url}/healthz`);

    expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
    expect([drained.status, await drained.json()]).toEqual([503, { status: 'draining' }]);
  });

  it('answers /readyz 200 when every check passes', async () => {
    const url = await serve({ readiness: async () => ({ bus: true, store: true }) });

    const response = await fetch(`${url}/readyz`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      checks: { bus: true, store: true },
      failed: [],
    });
  });

  it('answers /readyz 503 naming the failed, thrown and hung checks', async () => {
    const url = await serve({
      readiness: async () => ({ bus: true, store: false }),
      checks: {
        redis: async () => {
          throw new RangeError('connection refused');
        },
        nats: () => new Promise<boolean>(() => undefined),
        mongo: async () => true,
      },
      timeoutMs: 200,
    });

    const started = Date.now();
    const response = await fetch(`${url}/readyz`);
    const body = (await response.json()) as { failed: string[] };

    expect(response.status).toBe(503);
    expect(body.failed.sort()).toEqual(['nats', 'redis', 'store']);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('reports a readiness function that hangs as the failed check "readiness"', async () => {
    const url = await serve({ readiness: () => new Promise(() => undefined), timeoutMs: 100 });

    const response = await fetch(`${url}/readyz`);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not-ready',
      checks: { readiness: false },
      failed: ['readiness'],
    });
  });

  it('answers /readyz 503 while draining without probing dependencies', async () => {
    const probe = jest.fn(async () => ({ bus: true }));
    const url = await serve({ readiness: probe, lifecycle: { isDraining: () => true } });

    const response = await fetch(`${url}/readyz`);

    expect(response.status).toBe(503);
    expect(((await response.json()) as { status: string }).status).toBe('draining');
    expect(probe).not.toHaveBeenCalled();
  });

  it('serves Prometheus text with process metrics and request durations by route pattern', async () => {
    const url = await serve();
    await fetch(`${url}/devices/IMEI-1`);
    await fetch(`${url}/devices/IMEI-2`);
    await fetch(`${url}/nowhere/at/all`);
    await fetch(`${url}/api/campaigns/c-77`);

    const response = await fetch(`${url}/metrics`);
    const text = await response.text();

    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).toMatch(
      /http_request_duration_seconds_count\{service="ops-test",method="GET",route="\/devices\/:id",status_code="200"\} 2/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_count\{service="ops-test",method="GET",route="unmatched",status_code="404"\} 1/,
    );
    expect(text).toContain('route="/api/campaigns/:campaignId",status_code="200"');
    expect(text).not.toMatch(/IMEI-1|c-77/);
  });
});
