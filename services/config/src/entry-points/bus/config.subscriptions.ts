import type { EventBus, Subscription } from '@dms/bus';
import type { JobOutcomeHandler } from '../../domain/job-outcome.handler';
import type { ReportHandler } from '../../domain/report.handler';

export const REPORTS_TOPIC = 'diagnostics.report-completed.v1' as const;
export const COMPLETIONS_TOPIC = 'dm.command-completed.v1' as const;

/**
 * One consumer group per topic (`<group>.reports`, `<group>.jobs`): members of a Kafka
 * group must read the same topics. Invalid events go to each group's dead-letter topic
 * (the bus validates against libs/contracts before the handler runs).
 */
export async function subscribeConfig(
  bus: EventBus,
  group: string,
  reports: ReportHandler,
  outcomes: JobOutcomeHandler,
): Promise<Subscription[]> {
  const reportSubscription = await bus.subscribe({
    topic: REPORTS_TOPIC,
    group: `${group}.reports`,
    handler: async (event) => {
      await reports.onReport(event.data, event.correlationId);
    },
  });
  const jobSubscription = await bus.subscribe({
    topic: COMPLETIONS_TOPIC,
    group: `${group}.jobs`,
    handler: async (event) => {
      await outcomes.onCompleted(event.data);
    },
  });
  return [reportSubscription, jobSubscription];
}
