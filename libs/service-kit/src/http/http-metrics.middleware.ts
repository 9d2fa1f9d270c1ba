import type { Request, RequestHandler, Response } from 'express';
import type { Registry } from 'prom-client';
import { createHistogram } from '../metrics/metrics.registry';

export const HTTP_DURATION_METRIC = 'http_request_duration_seconds';

/** Paths no route matched share one label value, or a scanner could mint a time series per URL. */
export const UNMATCHED_ROUTE = 'unmatched';

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function routeLabel(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route === undefined || typeof route.path !== 'string') return UNMATCHED_ROUTE;
  return `${req.baseUrl}${route.path}` || '/';
}

/**
 * Records every request's duration under its route pattern (`/devices/:id`, not the
 * concrete path), method and status. Mount it before the routers so `finish` sees the
 * matched route.
 */
export function httpMetrics(registry: Registry): RequestHandler {
  const histogram = createHistogram(registry, {
    name: HTTP_DURATION_METRIC,
    help: 'HTTP request duration in seconds by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'],
    buckets: DURATION_BUCKETS,
  });
  return (req: Request, res: Response, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      histogram.observe(
        { method: req.method, route: routeLabel(req), status_code: String(res.statusCode) },
        seconds,
      );
    });
    next();
  };
}
