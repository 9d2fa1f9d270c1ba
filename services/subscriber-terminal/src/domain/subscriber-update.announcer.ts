import type { EventBus } from '@dms/bus';
import type { EventInput } from '@dms/contracts';
import type { SubscriberRepository } from '../data-access/subscriber.repository';
import type { SubscriberRecord, TerminalRecord } from './subscriber-terminal.model';

export const SUBSCRIBER_UPDATED_TOPIC = 'terminal.subscriber-updated.v1' as const;
export type SubscriberChange = EventInput<typeof SUBSCRIBER_UPDATED_TOPIC>['change'];

/**
 * Publishes terminal.subscriber-updated.v1 after a change. The subscriber document carries
 * the id of the announcement it owes (`pendingAnnouncement`) from the same write that made
 * the change, so a crash before the publish is repaired by the redelivered event: the
 * announcement goes out with the same id (consumers deduplicate) and the mark is cleared.
 */
export class SubscriberUpdateAnnouncer {
  constructor(
    private readonly bus: EventBus,
    private readonly subscribers: SubscriberRepository,
  ) {}

  async announce(
    subscriber: SubscriberRecord,
    terminal: TerminalRecord | null,
    change: SubscriberChange,
    id: string,
    correlationId?: string,
  ): Promise<void> {
    await this.bus.publish(
      SUBSCRIBER_UPDATED_TOPIC,
      {
        msisdn: subscriber.msisdn,
        imsi: subscriber.imsi,
        ...(subscriber.terminal === undefined ? {} : { imei: subscriber.terminal.imei }),
        change,
        ...(subscriber.terminal === undefined
          ? {}
          : {
              terminal: {
                tac: subscriber.terminal.tac,
                ...(subscriber.terminal.manufacturer === undefined
                  ? {}
                  : { manufacturer: subscriber.terminal.manufacturer }),
                ...(subscriber.terminal.model === undefined ? {} : { model: subscriber.terminal.model }),
                ...(subscriber.terminal.fwV === undefined ? {} : { fwV: subscriber.terminal.fwV }),
                ...(terminal?.dm === undefined ? {} : { dmCapable: true }),
              },
            }),
        attributes: subscriber.attributes,
        ...(subscriber.tenantId === undefined ? {} : { tenantId: subscriber.tenantId }),
        updatedAt: subscriber.updatedAt,
      },
      { id, key: subscriber.msisdn, ...(correlationId === undefined ? {} : { correlationId }) },
    );
    if (subscriber.pendingAnnouncement === id)
      await this.subscribers.update(
        subscriber.msisdn,
        { $unset: ['pendingAnnouncement'] },
        { pendingAnnouncement: id },
      );
  }
}
