import type { EventBus, Subscription } from '@dms/bus';
import type { SubscriberRepository } from '../../data-access/subscriber.repository';
import type { MirrorSubscriptionDirectory } from '../../data-access/mirror-subscription.directory';

export const SUBSCRIPTION_CHANGED_TOPIC = 'subscription.changed.v1' as const;

/**
 * Feeds the mirror directory and keeps the subscriber's tenant and eligibility current
 * between detections.
 */
export function subscribeToSubscriptionChanges(
  bus: EventBus,
  group: string,
  mirror: MirrorSubscriptionDirectory,
  subscribers: SubscriberRepository,
): Promise<Subscription> {
  return bus.subscribe({
    topic: SUBSCRIPTION_CHANGED_TOPIC,
    // Its own group: see detection.subscription.ts.
    group: `${group}.subscriptions`,
    handler: async (event) => {
      const change = event.data;
      await mirror.apply(change);
      const eligibility = await mirror.eligibility(change.msisdn);
      await subscribers.update(change.msisdn, {
        $set: {
          ...(change.tenantId === undefined ? {} : { tenantId: change.tenantId }),
          ...(eligibility === 'unknown' ? {} : { eligibility }),
        },
      });
    },
  });
}
