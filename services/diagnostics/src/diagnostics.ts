import type { EventBus, Rpc, RpcRegistration, Subscription } from '@dms/bus';
import { createMetricsRegistry, type Logger } from '@dms/service-kit';
import type { DocumentStore } from '@dms/store';
import type { Router } from 'express';
import type { Registry } from 'prom-client';
import { ConsentAuditRepository } from './data-access/consent-audit.repository';
import { ConsentRepository } from './data-access/consent.repository';
import { DeviceDirectory } from './data-access/device.directory';
import { ReportRepository } from './data-access/report.repository';
import { ConsentService, type Clock } from './domain/consent.service';
import { DeviceAlertService } from './domain/device-alert.service';
import { DiagnosticRunService, type NotAskedPolicy } from './domain/diagnostic-run.service';
import { DiagnosticsQueryService } from './domain/diagnostics-query.service';
import { JobCompletionService } from './domain/job-completion.service';
import { ReportPublisher } from './domain/report.publisher';
import { subscribeDiagnostics } from './entry-points/bus/diagnostics.subscriptions';
import { createDiagnosticsRouter } from './entry-points/http/diagnostics.router';
import { DiagnosticsMetrics } from './entry-points/observability/diagnostics.metrics';
import { serveDiagnosticsRpc } from './entry-points/rpc/diagnostics.rpc-handlers';

export const DIAGNOSTICS_SOURCE = '/services/diagnostics';

/** The part of DiagnosticsConfig the composition needs (embedded mode builds it by hand). */
export interface DiagnosticsSettings {
  adminToken: string;
  consumerGroup: string;
  /** What a job does for a subscriber never asked: `ask` (1101 confirm alert first) or `implied` (run). */
  notAskedPolicy: NotAskedPolicy;
  jobTtlMs: number;
  notify: boolean;
  askText: string;
  rpcTimeoutMs: number;
  latestFwKey: string;
}

export const defaultDiagnosticsSettings = (overrides: Partial<DiagnosticsSettings> & { adminToken: string }): DiagnosticsSettings => ({
  consumerGroup: 'diagnostics',
  notAskedPolicy: 'ask',
  jobTtlMs: 86_400_000,
  notify: true,
  askText: 'Your operator would like to check the settings of your phone. Allow?',
  rpcTimeoutMs: 2000,
  latestFwKey: 'currentFwV',
  // An override given as undefined (an unset optional variable) keeps the default.
  ...(Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as typeof overrides),
});

export interface DiagnosticsDependencies {
  bus: EventBus;
  rpc: Rpc;
  /** The service's own DocumentStore (its Mongo database, or the embedded SQLite file). */
  store: DocumentStore;
  logger: Logger;
  config: DiagnosticsSettings;
  registry?: Registry;
  /** For tests of expiry; default the system clock. */
  clock?: Clock;
}

export interface Diagnostics {
  /** /api/v1 consent, runs and reports (bearer token) and the OpenAPI document; mount in any express app. */
  readonly router: Router;
  readonly registry: Registry;
  readonly consent: ConsentService;
  readonly queries: DiagnosticsQueryService;
  /** Creates indexes, subscribes to detections, job results and device alerts, serves diagnostics.* RPC. */
  start(): Promise<void>;
  /** Stops consuming and serving. Bus, RPC and store belong to the caller. */
  stop(): Promise<void>;
}

/** Wires diagnostics on the adapters it is given; used by main.ts and by the embedded single process. */
export function createDiagnostics(deps: DiagnosticsDependencies): Diagnostics {
  const { bus, rpc, store, logger, config } = deps;
  const clock = deps.clock ?? (() => new Date());
  const registry = deps.registry ?? createMetricsRegistry({ service: 'diagnostics', defaultMetrics: false });
  const reports = new ReportRepository(store);
  const grants = new ConsentRepository(store);
  const audit = new ConsentAuditRepository(store);
  const consent = new ConsentService(grants, audit, clock);
  const directory = new DeviceDirectory(rpc, { timeoutMs: config.rpcTimeoutMs, latestFwKey: config.latestFwKey }, logger);
  const metrics = new DiagnosticsMetrics(registry);
  const publisher = new ReportPublisher(reports, bus, clock, (r) => metrics.reports.inc({ trigger: r.trigger, outcome: r.outcome ?? 'partial' }));
  const runs = new DiagnosticRunService({
    reports,
    consent,
    directory,
    publisher,
    bus,
    logger,
    clock,
    jobs: { jobTtlMs: config.jobTtlMs, notify: config.notify, askText: config.askText },
    notAskedPolicy: config.notAskedPolicy,
    onJobRequested: (phase) => metrics.jobs.inc({ phase }),
  });
  const completions = new JobCompletionService({ reports, consent, directory, publisher, runs, logger });
  const alerts = new DeviceAlertService({ reports, directory, publisher, clock });
  const queries = new DiagnosticsQueryService(reports, runs, directory);
  const router = createDiagnosticsRouter({ adminToken: config.adminToken, consent, queries });
  let subscriptions: Subscription[] = [];
  let registrations: RpcRegistration[] = [];

  return {
    router,
    registry,
    consent,
    queries,
    async start() {
      await Promise.all([reports.ensureIndexes(), grants.ensureIndexes(), audit.ensureIndexes()]);
      if (subscriptions.length === 0)
        subscriptions = await subscribeDiagnostics({ bus, group: config.consumerGroup, runs, completions, alerts, logger });
      if (registrations.length === 0) registrations = await serveDiagnosticsRpc(rpc, consent, queries);
    },
    async stop() {
      const closing = [...subscriptions, ...registrations];
      subscriptions = [];
      registrations = [];
      await Promise.all(closing.map((c) => c.close()));
    },
  };
}
