import type { EventBus, Subscription } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import type { CombinationService } from '../../domain/combination.service';
import type { InventoryService } from '../../domain/inventory.service';
import type { SubscriberTerminalMetrics } from '../observability/subscriber-terminal.metrics';

export const DETECTIONS_TOPIC = 'terminal.combination-detected.v1' as const;
export const INVENTORY_TOPIC = 'device.inventory-reported.v1' as const;

/**
 * Consumes detections and inventories. Each topic gets its own consumer group
 * (`<group>.detections`, `<group>.inventory`): members of one Kafka group must subscribe to
 * the same topics, or the assignor hands a member partitions of a topic it does not read.
 */
export async function subscribeToDetections(
  bus: EventBus,
  group: string,
  combinations: CombinationService,
  inventories: InventoryService,
  metrics: SubscriberTerminalMetrics,
  logger: Logger,
): Promise<Subscription[]> {
  const detections = await bus.subscribe({
    topic: DETECTIONS_TOPIC,
    group: `${group}.detections`,
    handler: async (event) => {
      const outcome = await combinations.apply(event.id, event.data, event.correlationId);
      metrics.detections.inc({ outcome });
      logger.debug({ eventId: event.id, msisdn: event.data.msisdn, outcome }, 'detection applied');
    },
  });
  const inventory = await bus.subscribe({
    topic: INVENTORY_TOPIC,
    group: `${group}.inventory`,
    handler: async (event) => {
      const outcome = await inventories.apply(event.id, event.data, event.correlationId);
      metrics.inventories.inc({ outcome });
    },
  });
  return [detections, inventory];
}
