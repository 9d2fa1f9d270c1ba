import {
  createOpsRouter,
  httpMetrics,
  problemHandler,
  type DrainState,
  type Logger,
  type ReadinessCheck,
} from '@dms/service-kit';
import express, { type Express } from 'express';
import type { Registry } from 'prom-client';
import type { EmbeddedService } from '../../composition/embedded-service';
import { CompositeRegistry } from './composite.registry';

export interface EmbeddedAppOptions {
  services: readonly EmbeddedService[];
  /** Process metrics and HTTP durations (label service=embedded). */
  registry: Registry;
  lifecycle: DrainState;
  /** Probes of what the services share (the bus). */
  checks: Readonly<Record<string, ReadinessCheck>>;
  logger: Logger;
}

/**
 * The one HTTP app: /healthz, /readyz (every service's probes), one /metrics, then each
 * service's router at / in the order given (each router carries its own /api/v1/... or /dm
 * paths), then problem+json for errors and unknown paths.
 */
export function createEmbeddedApp(options: EmbeddedAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(httpMetrics(options.registry));
  const checks = Object.assign(
    {},
    options.checks,
    ...options.services.map((service) => service.checks),
  ) as Record<string, ReadinessCheck>;
  const registry = new CompositeRegistry([
    options.registry,
    ...options.services.map((service) => service.registry),
  ]);
  app.use(createOpsRouter({ registry, lifecycle: options.lifecycle, checks }));
  for (const service of options.services) app.use(service.router);
  app.use(problemHandler(options.logger));
  return app;
}
