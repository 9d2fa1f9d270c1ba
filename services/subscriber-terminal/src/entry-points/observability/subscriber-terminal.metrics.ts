import { createCounter, createHistogram } from '@dms/service-kit';
import type { Counter, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of subscriber-terminal. */
export class SubscriberTerminalMetrics {
  readonly detections: Counter<'outcome'>;
  readonly inventories: Counter<'outcome'>;
  readonly cleanupRemoved: Counter<'kind'>;
  readonly cleanupSeconds: Histogram<string>;

  constructor(registry: Registry) {
    this.detections = createCounter(registry, {
      name: 'dms_st_detections_total',
      help: 'Detections applied, by outcome (attach, resume, same-terminal, stale)',
      labelNames: ['outcome'],
    });
    this.inventories = createCounter(registry, {
      name: 'dms_st_inventories_total',
      help: 'Inventory reports applied, by outcome',
      labelNames: ['outcome'],
    });
    this.cleanupRemoved = createCounter(registry, {
      name: 'dms_st_cleanup_removed_total',
      help: 'Records removed by the clean-up, by kind',
      labelNames: ['kind'],
    });
    this.cleanupSeconds = createHistogram(registry, {
      name: 'dms_st_cleanup_duration_seconds',
      help: 'Duration of clean-up runs',
      buckets: [0.1, 1, 10, 60, 600, 3600],
    });
  }
}
