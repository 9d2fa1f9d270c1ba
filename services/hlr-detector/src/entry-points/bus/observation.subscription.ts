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
  /** Most observations per batch; default 1000. */
  maxBatchSize?: number;
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
    maxBatchSize: options.maxBatchSize ?? 1000,
    // Deep enough to hide store write latency (a swap every ~1000 observations needs a conditional update).
    maxUnsettledBatches: 32,
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
      // Counted once durable: the bus commits after `settled`, and delivers the batch again if it rejects.
      return {
        settled: settled.then(() => {
          metrics.recordMany(outcomes);
          outcomes.forEach((outcome, i) =>
            logDetection(
              options.logger,
              events[i]!.event.data.msisdn,
              outcome,
              events[i]!.context.correlationId,
            ),
          );
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
