import {
  createOpsRouter,
  httpMetrics,
  problemHandler,
  startHttpServer,
  type Logger,
  type ReadinessCheck,
  type RunningHttpServer,
  type ShutdownManager,
} from '@dms/service-kit';
import express, { type Express, type Router } from 'express';
import type { Registry } from 'prom-client';
import type { ServiceAdapters } from './service-adapters';

export interface ServiceHttpOptions {
  readonly registry: Registry;
  readonly shutdown: ShutdownManager;
  readonly logger: Logger;
  readonly adapters: ServiceAdapters;
  readonly router: Router;
  /** Readiness beyond bus, store and cache. */
  readonly checks?: Readonly<Record<string, ReadinessCheck>>;
}

/**
 * The HTTP side every service shares: request metrics, /healthz /readyz (bus, store, cache)
 * /metrics, the service's own routes, problem+json errors last.
 */
export function serviceApp(options: ServiceHttpOptions): Express {
  const { registry, shutdown, logger, adapters } = options;
  const app = express();
  app.disable('x-powered-by');
  app.use(httpMetrics(registry));
  app.use(
    createOpsRouter({
      registry,
      lifecycle: shutdown,
      checks: { bus: () => adapters.bus.ready(), store: () => adapters.store.ping(), cache: () => adapters.cache.ping(), ...options.checks },
    }),
  );
  app.use(options.router);
  app.use(problemHandler(logger));
  return app;
}

/**
 * Starts the service's consumers, then listens: a service takes requests only once it
 * consumes. Shutdown runs the other way round: HTTP first, then the consumers drain.
 */
export async function startService(
  app: Express,
  service: { start(): Promise<void>; stop(): Promise<void> },
  options: { port: number; shutdown: ShutdownManager },
): Promise<RunningHttpServer> {
  await service.start();
  options.shutdown.register('consumers', () => service.stop());
  const server = await startHttpServer(app, { port: options.port });
  options.shutdown.register('http', () => server.close());
  return server;
}
