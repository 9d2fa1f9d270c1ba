import { supportsBatch, type EventBus, type Subscription } from '@dms/bus';
import type { DmCommandCompleted } from '@dms/contracts';
import { mapLimited } from '../domain/map-limited';
import type { CompletionRecorder } from '../domain/completion-recorder';

/** Answers of different devices recorded at once; one device's answers stay in offset order. */
const DEVICES_IN_PARALLEL = 16;
const BATCH_SIZE = 200;

/**
 * Campaigns read dm.command-completed.v1 in their own consumer group (kafkajs: one group per
 * topic subscription), so automatic configuration keeps its own position on the same topic.
 * Invalid events go to `dlq.<group>` (the bus validates); other services' jobs are skipped.
 * In batches where the bus offers them: a store read costs a round trip (on FerretDB a
 * table scan), so the answers of a batch are recorded several devices at a time.
 */
export function subscribeToCompletions(bus: EventBus, group: string, recorder: CompletionRecorder): Promise<Subscription> {
  if (!supportsBatch(bus))
    return bus.subscribe({ topic: 'dm.command-completed.v1', group, handler: async (event) => recorder.record(event.data) });
  return bus.subscribeBatch({
    topic: 'dm.command-completed.v1',
    group,
    maxBatchSize: BATCH_SIZE,
    handler: async (events) => {
      const byDevice = new Map<string, DmCommandCompleted[]>();
      for (const { event } of events) {
        const list = byDevice.get(event.data.deviceId) ?? [];
        list.push(event.data);
        byDevice.set(event.data.deviceId, list);
      }
      await mapLimited([...byDevice.values()], DEVICES_IN_PARALLEL, async (answers) => {
        for (const answer of answers) await recorder.record(answer);
      });
    },
  });
}
