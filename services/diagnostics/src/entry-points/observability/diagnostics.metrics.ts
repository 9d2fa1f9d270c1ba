import { Counter, type Registry } from 'prom-client';

/** Counters on /metrics (label service=diagnostics comes from the registry). */
export class DiagnosticsMetrics {
  readonly reports: Counter<'trigger' | 'outcome'>;
  readonly jobs: Counter<'phase'>;

  constructor(registry: Registry) {
    this.reports = new Counter({
      name: 'diagnostics_reports_completed_total',
      help: 'Reports completed, by trigger and outcome (complete, partial, unreachable, declined)',
      labelNames: ['trigger', 'outcome'],
      registers: [registry],
    });
    this.jobs = new Counter({
      name: 'diagnostics_jobs_requested_total',
      help: 'Gateway jobs requested (re-sends of a redelivered trigger included), by phase',
      labelNames: ['phase'],
      registers: [registry],
    });
  }
}
