import type { TopicName } from '@dms/contracts';
import type { BatchEvent } from '../batch/batch-subscription.port';
import { messageOf } from '../bus.errors';
import type { DeliveryControl, DeliveryPolicy } from './deliver-message';
import { backoffMs } from './delivery.defaults';

interface Item {
  event: BatchEvent<TopicName>;
}

type LogPolicy = Pick<DeliveryPolicy, 'group' | 'processedLog' | 'idempotencyTtlMs' | 'logger' | 'retryBaseMs' | 'retryMaxMs'>;

/**
 * The items whose ids the group's processed-event log does not hold, also dropping a
 * repeated id within the batch (without a log, every item). A failing log (Redis down) is asked again with backoff
 * while the consumer is active; undefined when it stopped meanwhile.
 */
export async function filterProcessed<I extends Item>(items: I[], policy: LogPolicy, control: DeliveryControl): Promise<I[] | undefined> {
  const log = policy.processedLog;
  if (!log) return items;
  // As one by one: the second of two equal ids in a batch finds the first one recorded.
  const seen = new Set<string>();
  const unique = items.filter((item) => !seen.has(item.event.event.id) && seen.add(item.event.event.id));
  for (let attempt = 1; ; attempt++) {
    try {
      const answers = await Promise.all(unique.map((item) => log.isProcessed(policy.group, item.event.event.id)));
      return unique.filter((_, i) => !answers[i]);
    } catch (error) {
      policy.logger.warn({ group: policy.group, attempt, err: messageOf(error) }, 'processed-event log unavailable; retrying');
      await control.pause(backoffMs(attempt, policy.retryBaseMs, policy.retryMaxMs));
      if (!control.isActive()) return undefined;
    }
  }
}

/** The effect already happened: a failed mark only widens the at-least-once window, so log and go on. */
export async function markAllProcessed(items: readonly Item[], policy: LogPolicy): Promise<void> {
  const log = policy.processedLog;
  if (!log) return;
  await Promise.all(
    items.map(async (item) => {
      try {
        await log.markProcessed(policy.group, item.event.event.id, policy.idempotencyTtlMs);
      } catch (error) {
        policy.logger.error({ group: policy.group, eventId: item.event.event.id, err: messageOf(error) }, 'could not record processed event; a redelivery may repeat it');
      }
    }),
  );
}
