import type { ReadinessCheck } from '@dms/service-kit';
import type { Router } from 'express';
import type { Registry } from 'prom-client';

/** What the composition root needs of each service it runs in the one process. */
export interface EmbeddedService {
  readonly name: string;
  /** Mounted at / on the one HTTP port; the routers carry their own paths (/api/v1/..., /dm). */
  readonly router: Router;
  /** The service's own registry (label service=<name>), rendered into the one /metrics. */
  readonly registry: Registry;
  /** Readiness probes of the service's own store and cache, named `<service>.<dependency>`. */
  readonly checks: Readonly<Record<string, ReadinessCheck>>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
