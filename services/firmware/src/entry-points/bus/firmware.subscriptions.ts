import type { EventBus, Subscription } from '@dms/bus';
import type { ReportOffer } from '../../domain/report.offer';
import type { UpdateService } from '../../domain/update.service';

/**
 * One consumer group per topic (`<group>.jobs`, `<group>.alerts`, `<group>.reports`).
 * Invalid events go to each group's dead-letter topic (validated by the bus first).
 */
export async function subscribeFirmware(bus: EventBus, group: string, updates: UpdateService, offer: ReportOffer): Promise<Subscription[]> {
  return [
    await bus.subscribe({
      topic: 'dm.command-completed.v1',
      group: `${group}.jobs`,
      handler: async (event) => {
        await updates.onCompleted(event.data);
      },
    }),
    await bus.subscribe({
      topic: 'device.alert-raised.v1',
      group: `${group}.alerts`,
      handler: async (event) => {
        await updates.onAlert(event.data);
      },
    }),
    await bus.subscribe({
      topic: 'diagnostics.report-completed.v1',
      group: `${group}.reports`,
      handler: async (event) => {
        await offer.onReport(event.data);
      },
    }),
  ];
}
