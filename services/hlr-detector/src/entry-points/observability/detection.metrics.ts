import { createCounter } from '@dms/service-kit';
import type { Counter, Registry } from 'prom-client';
import type { ObservationOutcome } from '../../domain/combination-detection.service';

export type InvalidEntryPoint = 'bus' | 'rest';

/** Outcomes of a batch counted by label (DetectionMetrics.tally). */
export type OutcomeTally = ReadonlyArray<{ readonly outcome: ObservationOutcome; readonly n: number }>;

/** The service's Prometheus counters (names prefixed `dms_hlr_`). */
export class DetectionMetrics {
  private readonly observations: Counter<'outcome'>;
  private readonly detections: Counter<'kind'>;
  private readonly ignored: Counter<'reason'>;
  private readonly invalid: Counter<'entry_point'>;
  private readonly accepted: Counter;
  private readonly pruned: Counter;

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
    this.pruned = createCounter(registry, {
      name: 'dms_hlr_transitions_pruned_total',
      help: 'Subscriber state transitions deleted by the clean-up (behind their head, older than the retention)',
    });
  }

  record(outcome: ObservationOutcome): void {
    this.observations.inc({ outcome: outcome.outcome });
    if (outcome.outcome === 'detected') this.detections.inc({ kind: outcome.kind });
    else if (outcome.outcome === 'ignored') this.ignored.inc({ reason: outcome.reason });
  }

  /**
   * Counts a batch's outcomes by label, to be recorded later (once the batch is durable)
   * without keeping the outcomes themselves alive until then.
   */
  tally(outcomes: readonly ObservationOutcome[]): OutcomeTally {
    const counts = new Map<string, { outcome: ObservationOutcome; n: number }>();
    for (const outcome of outcomes) {
      const key =
        outcome.outcome === 'detected'
          ? `d:${outcome.kind}`
          : outcome.outcome === 'ignored'
            ? `i:${outcome.reason}`
            : 'l';
      const entry = counts.get(key);
      if (entry === undefined) counts.set(key, { outcome, n: 1 });
      else entry.n++;
    }
    return [...counts.values()];
  }

  /** One counter update per label for a whole batch. */
  recordTally(tally: OutcomeTally): void {
    for (const { outcome, n } of tally) {
      this.observations.inc({ outcome: outcome.outcome }, n);
      if (outcome.outcome === 'detected') this.detections.inc({ kind: outcome.kind }, n);
      else if (outcome.outcome === 'ignored') this.ignored.inc({ reason: outcome.reason }, n);
    }
  }

  invalidObservations(entryPoint: InvalidEntryPoint, count = 1): void {
    this.invalid.inc({ entry_point: entryPoint }, count);
  }

  prunedTransitions(count: number): void {
    this.pruned.inc(count);
  }

  acceptedObservations(count: number): void {
    this.accepted.inc(count);
  }
}
