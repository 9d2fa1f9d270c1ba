import type { EventBus, Subscription } from '@dms/bus';
import type { DmCommandCompleted, DmCommandRequested } from '@dms/contracts';

export type Outcome = DmCommandCompleted['outcome'];

export interface SimulatedGateway {
  /** Distinct jobs queued per device (a job id seen again is not queued twice, as in dm-gateway). */
  readonly jobsByDevice: Map<string, string[]>;
  /** Every dm.command-requested.v1 delivered, duplicates included. */
  readonly deliveries: { count: number };
  /** When each distinct job arrived (ms), for rate checks. */
  readonly arrivals: number[];
  readonly requests: Map<string, DmCommandRequested>;
  close(): Promise<void>;
}

/**
 * Stands for dm-gateway: consumes dm.command-requested.v1, queues each job id once, and
 * answers dm.command-completed.v1 with the outcome `outcomeFor` picks (the n-th job of the
 * device is n = 1, 2...). `hold` keeps answers back (a handset that has not called in yet).
 */
export async function startSimulatedGateway(
  bus: EventBus,
  outcomeFor: (request: DmCommandRequested, nth: number) => Outcome | 'silent',
  options: { group?: string; hold?: () => boolean } = {},
): Promise<SimulatedGateway> {
  const jobsByDevice = new Map<string, string[]>();
  const requests = new Map<string, DmCommandRequested>();
  const deliveries = { count: 0 };
  const arrivals: number[] = [];
  const subscription: Subscription = await bus.subscribe({
    topic: 'dm.command-requested.v1',
    group: options.group ?? 'sim-gateway',
    handler: async ({ data }) => {
      deliveries.count++;
      if (requests.has(data.jobId)) return;
      requests.set(data.jobId, data);
      arrivals.push(Date.now());
      const jobs = jobsByDevice.get(data.deviceId) ?? [];
      jobs.push(data.jobId);
      jobsByDevice.set(data.deviceId, jobs);
      while (options.hold?.()) await new Promise((r) => setTimeout(r, 20));
      const outcome = outcomeFor(data, jobs.length);
      if (outcome === 'silent') return;
      const status = outcome === 'completed' ? 200 : outcome === 'partial' ? 405 : 500;
      await bus.publish(
        'dm.command-completed.v1',
        {
          jobId: data.jobId,
          deviceId: data.deviceId,
          correlationId: data.correlationId,
          outcome,
          results:
            outcome === 'expired' || outcome === 'rejected'
              ? []
              : data.commands.map((c, i) => ({ cmdRef: String(i), verb: c.verb, ...(c.target ? { target: c.target } : {}), status, items: [] })),
          ...(data.userInteraction ? { userResponse: { status: outcome === 'rejected' ? 304 : 200, items: [] } } : {}),
          completedAt: new Date().toISOString(),
        },
        { id: `done:${data.jobId}` },
      );
    },
  });
  return { jobsByDevice, deliveries, arrivals, requests, close: () => subscription.close() };
}
