import { supportsBatch, type EventBus, type Subscription } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import type { PartitionLocalCache } from '../../data-access/partition-local.cache';
import type { BatchDetectionService } from '../../domain/batch-detection.service';
import type {
  CombinationDetectionService,
  ObservationOutcome,
} from '../../domain/combination-detection.service';
import type { DetectionMetrics } from '../observability/detection.metrics';

export const OBSERVATIONS_TOPIC = 'hlr.imei-observations.v1' as const;

export interface ObservationSubscriptionOptions {
  bus: EventBus;
  group: string;
  service: CombinationDetectionService;
  batchService: BatchDetectionService;
  /**
   * Most observations per batch. A batch's detections are claimed, announced and written in
   * one round trip each, so with swaps at ~0.1% of observations a larger batch spends fewer
   * round trips per detection (1,000 -> 10,000 cut the CPU per observation by about 15% in
   * test/bench/detection.bench.ts).
   */
  maxBatchSize: number;
  /** Batches whose effects may be settling at once per partition (deep enough to hide the store's and the broker's round trips). */
  maxUnsettledBatches: number;
  local: PartitionLocalCache;
  metrics: DetectionMetrics;
  logger: Logger;
}

/**
 * The consumer of `hlr.imei-observations.v1`. The bus validates each record against the
 * contract before this handler sees it (plain JSON from an HLR or kcat included) and
 * dead-letters what fails, with the reason, to `dlq.<group>`; a handler error is retried
 * by the bus, and the offset is committed only after the handler resolved. Batches when
 * the bus offers them (both @dms/bus adapters do), one event at a time otherwise.
 */
export function subscribeToObservations(options: ObservationSubscriptionOptions): Promise<Subscription> {
  const { bus, service, batchService, local, metrics } = options;
  if (!supportsBatch(bus)) {
    return bus.subscribe({
      topic: OBSERVATIONS_TOPIC,
      group: options.group,
      handler: async (event, context) => {
        const position = { partition: context.partition, offset: context.offset };
        local.enter(position);
        const outcome = await service.apply(event.data, position);
        local.leave(position);
        metrics.record(outcome);
        logDetection(options.logger, event.data.msisdn, outcome, context.correlationId);
      },
    });
  }
  return bus.subscribeBatch({
    topic: OBSERVATIONS_TOPIC,
    group: options.group,
    maxBatchSize: options.maxBatchSize,
    maxUnsettledBatches: options.maxUnsettledBatches,
    handler: async (events, context) => {
      // The memory tier is trusted while the partition is read without gaps: the batch spans firstOffset..lastOffset.
      const position = { partition: context.partition, offset: context.firstOffset };
      local.enter(position);
      const { outcomes, settled } = await batchService.applyBatch(
        events.map((e) => e.event.data),
        position,
        context.lastOffset,
      );
      local.leave({ partition: context.partition, offset: context.lastOffset });
      // What the settled callback needs, taken now: the batch's events and outcomes must not
      // stay alive while its effects settle (up to maxUnsettledBatches batches per partition).
      const tally = metrics.tally(outcomes);
      const detected: Array<{
        msisdn: string;
        outcome: ObservationOutcome;
        correlationId: string | undefined;
      }> = [];
      outcomes.forEach((outcome, i) => {
        if (outcome.outcome === 'detected') {
          const { event, context: delivery } = events[i]!;
          detected.push({ msisdn: event.data.msisdn, outcome, correlationId: delivery.correlationId });
        }
      });
      // Counted once durable: the bus commits after `settled`, and delivers the batch again if it rejects.
      return {
        settled: settled.then(() => {
          metrics.recordTally(tally);
          for (const d of detected) logDetection(options.logger, d.msisdn, d.outcome, d.correlationId);
        }),
      };
    },
  });
}

function logDetection(
  logger: Logger,
  msisdn: string,
  outcome: ObservationOutcome,
  correlationId: string | undefined,
): void {
  if (outcome.outcome !== 'detected') return;
  logger.debug(
    { msisdn, kind: outcome.kind, eventId: outcome.eventId, correlationId },
    'combination detected',
  );
}
