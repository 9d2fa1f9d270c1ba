import type { EventBus, Subscription } from '@dms/bus';
import type { CompletionRecorder } from '../domain/completion-recorder';

/**
 * Campaigns read dm.command-completed.v1 in their own consumer group (kafkajs: one group per
 * topic subscription), so automatic configuration keeps its own position on the same topic.
 * Invalid events go to `dlq.<group>` (the bus validates); other services' jobs are skipped.
 */
export function subscribeToCompletions(bus: EventBus, group: string, recorder: CompletionRecorder): Promise<Subscription> {
  return bus.subscribe({
    topic: 'dm.command-completed.v1',
    group,
    handler: async (event) => recorder.record(event.data),
  });
}
