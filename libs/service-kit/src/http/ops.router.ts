import { Router, type Response } from 'express';
import type { Registry } from 'prom-client';
import { runReadinessChecks, type ReadinessSources } from './readiness.check';

/** What the ops endpoints need to know about the process's life: ShutdownManager provides it. */
export interface DrainState {
  isDraining(): boolean;
}

export interface OpsRouterOptions extends ReadinessSources {
  registry: Registry;
  /** When draining, /healthz and /readyz answer 503 so the load balancer stops sending work. */
  lifecycle?: DrainState;
}

function noStore(res: Response): Response {
  return res.set('Cache-Control', 'no-store');
}

/**
 * GET /healthz (liveness), /readyz (dependencies) and /metrics (Prometheus text).
 * Liveness deliberately ignores dependencies: restarting a pod because Kafka is down
 * only adds a restart storm to the outage.
 */
export function createOpsRouter(options: OpsRouterOptions): Router {
  const router = Router();
  const draining = (): boolean => options.lifecycle?.isDraining() === true;

  router.get('/healthz', (_req, res) => {
    if (draining()) noStore(res).status(503).json({ status: 'draining' });
    else noStore(res).status(200).json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    if (draining()) {
      noStore(res).status(503).json({ status: 'draining', checks: {}, failed: [] });
      return;
    }
    const report = await runReadinessChecks(options);
    noStore(res)
      .status(report.ready ? 200 : 503)
      .json({ status: report.ready ? 'ready' : 'not-ready', checks: report.checks, failed: report.failed });
  });

  router.get('/metrics', async (_req, res) => {
    const text = await options.registry.metrics();
    noStore(res).status(200).type(options.registry.contentType).send(text);
  });

  return router;
}
