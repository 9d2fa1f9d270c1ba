import { createCounter } from '@dms/service-kit';
import type { Counter, Registry } from 'prom-client';
import type { ObservationOutcome } from '../../domain/combination-detection.service';

export type InvalidEntryPoint = 'bus' | 'rest';

/** The service's Prometheus counters (names prefixed `dms_hlr_`). */
export class DetectionMetrics {
  private readonly observations: Counter<'outcome'>;
  private readonly detections: Counter<'kind'>;
  private readonly ignored: Counter<'reason'>;
  private readonly invalid: Counter<'entry_point'>;
  private readonly accepted: Counter;

  constructor(registry: Registry) {
    this.observations = createCounter(registry, {
      name: 'dms_hlr_observations_total',
      help: 'Valid HLR observations applied, by outcome (detected, last-seen, ignored)',
      labelNames: ['outcome'],
    });
    this.detections = createCounter(registry, {
      name: 'dms_hlr_detections_total',
      help: 'Combination changes announced, by kind',
      labelNames: ['kind'],
    });
    this.ignored = createCounter(registry, {
      name: 'dms_hlr_ignored_total',
      help: 'Observations that changed nothing because they were older than (stale) or as old as (duplicate) the known state',
      labelNames: ['reason'],
    });
    this.invalid = createCounter(registry, {
      name: 'dms_hlr_invalid_observations_total',
      help: 'Observations refused by the contract: dead-lettered from the bus or refused by the REST API',
      labelNames: ['entry_point'],
    });
    this.accepted = createCounter(registry, {
      name: 'dms_hlr_observations_accepted_total',
      help: 'Observations accepted by the REST API and published',
    });
  }

  record(outcome: ObservationOutcome): void {
    this.observations.inc({ outcome: outcome.outcome });
    if (outcome.outcome === 'detected') this.detections.inc({ kind: outcome.kind });
    else if (outcome.outcome === 'ignored') this.ignored.inc({ reason: outcome.reason });
  }

  /** One counter update per label for a whole batch. */
  recordMany(outcomes: readonly ObservationOutcome[]): void {
    const counts = new Map<ObservationOutcome, number>();
    const byKey = new Map<string, ObservationOutcome>();
    for (const outcome of outcomes) {
      const key =
        outcome.outcome === 'detected'
          ? `d:${outcome.kind}`
          : outcome.outcome === 'ignored'
            ? `i:${outcome.reason}`
            : 'l';
      const first = byKey.get(key) ?? (byKey.set(key, outcome), outcome);
      counts.set(first, (counts.get(first) ?? 0) + 1);
    }
    for (const [outcome, n] of counts) {
      this.observations.inc({ outcome: outcome.outcome }, n);
      if (outcome.outcome === 'detected') this.detections.inc({ kind: outcome.kind }, n);
      else if (outcome.outcome === 'ignored') this.ignored.inc({ reason: outcome.reason }, n);
    }
  }

  invalidObservations(entryPoint: InvalidEntryPoint, count = 1): void {
    this.invalid.inc({ entry_point: entryPoint }, count);
  }

  acceptedObservations(count: number): void {
    this.accepted.inc(count);
  }
}
