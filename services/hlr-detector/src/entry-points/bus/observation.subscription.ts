import type { EventBus, Subscription } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import type { PartitionLocalCache } from '../../data-access/partition-local.cache';
import type { CombinationDetectionService } from '../../domain/combination-detection.service';
import type { DetectionMetrics } from '../observability/detection.metrics';

export const OBSERVATIONS_TOPIC = 'hlr.imei-observations.v1' as const;

export interface ObservationSubscriptionOptions {
  bus: EventBus;
  group: string;
  service: CombinationDetectionService;
  local: PartitionLocalCache;
  metrics: DetectionMetrics;
  logger: Logger;
}

/**
 * The consumer of `hlr.imei-observations.v1`. The bus validates each record against the
 * contract before this handler sees it (plain JSON from an HLR or kcat included) and
 * dead-letters what fails, with the reason, to `dlq.<group>`; a handler error is retried
 * by the bus, and the offset is committed only after the handler resolved.
 */
export function subscribeToObservations(options: ObservationSubscriptionOptions): Promise<Subscription> {
  const { service, local, metrics, logger } = options;
  return options.bus.subscribe({
    topic: OBSERVATIONS_TOPIC,
    group: options.group,
    handler: async (event, context) => {
      const position = { partition: context.partition, offset: context.offset };
      local.enter(position);
      const outcome = await service.apply(event.data, position);
      local.leave(position);
      metrics.record(outcome);
      if (outcome.outcome === 'detected') {
        logger.debug(
          {
            msisdn: event.data.msisdn,
            kind: outcome.kind,
            eventId: outcome.eventId,
            correlationId: context.correlationId,
          },
          'combination detected',
        );
      }
    },
  });
}
