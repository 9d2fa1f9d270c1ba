import type { EventBus, Subscription } from '@dms/bus';
import type { JobService } from '../../domain/job.service';

/** dm.command-requested.v1 -> a queued job (idempotent by jobId: a redelivery queues nothing). */
export function subscribeToCommandRequests(bus: EventBus, group: string, jobs: JobService): Promise<Subscription> {
  return bus.subscribe({
    topic: 'dm.command-requested.v1',
    group,
    handler: async (event) => {
      await jobs.queue(event.data);
    },
  });
}
