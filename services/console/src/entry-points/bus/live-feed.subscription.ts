import type { EventBus, Subscription } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import type { DashboardAggregator } from '../../domain/live/dashboard.aggregator';
import { LIVE_TOPICS, toFeedEvent, type LiveTopic } from '../../domain/live/feed-event';
import type { FeedScopeResolver } from '../../domain/live/feed-scope.resolver';
import type { LiveFeedHub } from '../../domain/live/live-feed.hub';

export interface LiveFeedDeps {
  bus: EventBus;
  /** Unique per console instance in distributed mode: every instance must see every event. */
  group: string;
  resolver: FeedScopeResolver;
  aggregator: DashboardAggregator;
  hub: LiveFeedHub;
  logger: Logger;
}

const SUBSCRIBER_UPDATED = 'terminal.subscriber-updated.v1' as const;

export const liveGroupOf = (group: string, topic: LiveTopic): string =>
  `${group}.${topic.replace(/\.v\d+$/, '')}`;

/**
 * One subscription per live topic. A dashboard shows what happens from now on, so a new
 * group starts at the latest offset (fromBeginning false); events are validated by the bus
 * (invalid ones go to `dlq.<group>`), and a redelivered id is counted and pushed once.
 */
export async function subscribeToLiveFeed(deps: LiveFeedDeps): Promise<Subscription[]> {
  const subscribe = (topic: LiveTopic): Promise<Subscription> =>
    deps.bus.subscribe({
      topic,
      // One group per topic, as every service here does: Kafka (kafkajs) assigns a group's
      // partitions over all its members whatever each subscribed to.
      group: liveGroupOf(deps.group, topic),
      fromBeginning: false,
      // A lost dashboard tick is harmless; a stuck one is not: give up quickly.
      maxAttempts: 2,
      handler: async (envelope) => {
        const event = await deps.resolver.resolve(toFeedEvent(envelope));
        if (deps.aggregator.add(event)) deps.hub.publish(event);
      },
    });
  // Not shown on the dashboard: keeps the feed's tenant scopes current.
  const scopes = deps.bus.subscribe({
    topic: SUBSCRIBER_UPDATED,
    group: `${deps.group}.terminal.subscriber-updated`,
    fromBeginning: false,
    maxAttempts: 2,
    handler: async (envelope) => deps.resolver.learn(envelope.data),
  });
  const subscriptions = await Promise.all([...LIVE_TOPICS.map(subscribe), scopes]);
  deps.logger.info({ group: deps.group, topics: subscriptions.length }, 'console live feed subscribed');
  return subscriptions;
}
