import type { TopicName } from '@dms/contracts';
import type { BatchEvent } from '../batch/batch-subscription.port';
import { messageOf } from '../bus.errors';
import type { DeliveryControl, DeliveryPolicy } from './deliver-message';
import { backoffMs } from './delivery.defaults';

/** Events of a batch and, index for index, where each sits in it. */
interface IndexedEvents {
  events: BatchEvent<TopicName>[];
  indexes: number[];
}

type LogPolicy = Pick<DeliveryPolicy, 'group' | 'processedLog' | 'idempotencyTtlMs' | 'logger' | 'retryBaseMs' | 'retryMaxMs'>;

/**
 * The events whose ids the group's processed-event log does not hold, also dropping a
 * repeated id within the batch (without a log, every event: the same arrays). A failing
 * log (Redis down) is asked again with backoff while the consumer is active; undefined
 * when it stopped meanwhile.
 */
export async function filterProcessed<B extends IndexedEvents>(batch: B, policy: LogPolicy, control: DeliveryControl): Promise<B | undefined> {
  const log = policy.processedLog;
  if (!log) return batch;
  // As one by one: the second of two equal ids in a batch finds the first one recorded.
  const seen = new Set<string>();
  const unique: number[] = [];
  batch.events.forEach((e, i) => {
    if (seen.has(e.event.id)) return;
    seen.add(e.event.id);
    unique.push(i);
  });
  for (let attempt = 1; ; attempt++) {
    try {
      const answers = await Promise.all(unique.map((i) => log.isProcessed(policy.group, batch.events[i]!.event.id)));
      const fresh = unique.filter((_, n) => !answers[n]);
      return { ...batch, events: fresh.map((i) => batch.events[i]!), indexes: fresh.map((i) => batch.indexes[i]!) };
    } catch (error) {
      policy.logger.warn({ group: policy.group, attempt, err: messageOf(error) }, 'processed-event log unavailable; retrying');
      await control.pause(backoffMs(attempt, policy.retryBaseMs, policy.retryMaxMs));
      if (!control.isActive()) return undefined;
    }
  }
}

/** The effect already happened: a failed mark only widens the at-least-once window, so log and go on. */
export async function markAllProcessed(events: readonly BatchEvent<TopicName>[], policy: LogPolicy): Promise<void> {
  const log = policy.processedLog;
  if (!log) return;
  await Promise.all(
    events.map(async ({ event }) => {
      try {
        await log.markProcessed(policy.group, event.id, policy.idempotencyTtlMs);
      } catch (error) {
        policy.logger.error({ group: policy.group, eventId: event.id, err: messageOf(error) }, 'could not record processed event; a redelivery may repeat it');
      }
    }),
  );
}
