import type { EventBus, Subscription } from '@dms/bus';
import type { Logger } from '@dms/service-kit';
import type { DeviceAlertService } from '../../domain/device-alert.service';
import { deviceIdOfImei, reportIdFromEvent } from '../../domain/run-ids';
import type { DiagnosticRunService } from '../../domain/diagnostic-run.service';
import type { JobCompletionService } from '../../domain/job-completion.service';

export const DETECTIONS_TOPIC = 'terminal.combination-detected.v1' as const;
export const JOB_RESULTS_TOPIC = 'dm.command-completed.v1' as const;
export const ALERTS_TOPIC = 'device.alert-raised.v1' as const;

export interface SubscriptionDeps {
  bus: EventBus;
  group: string;
  runs: DiagnosticRunService;
  completions: JobCompletionService;
  alerts: DeviceAlertService;
  logger: Logger;
}

/**
 * One consumer group per topic (`<group>.detections`, `.job-results`, `.alerts`): members
 * of one Kafka group must read the same topics. Invalid events go to each group's
 * dead-letter topic (the bus validates against the contracts).
 */
export async function subscribeDiagnostics(deps: SubscriptionDeps): Promise<Subscription[]> {
  const { bus, group, runs, completions, alerts, logger } = deps;
  const detections = await bus.subscribe({
    topic: DETECTIONS_TOPIC,
    group: `${group}.detections`,
    handler: async (event) => {
      const detected = event.data;
      // A new handset is read in full; an IMEISV-only change (same handset, new software)
      // re-reads DevInfo/DevDetail for the firmware check, not the settings it already had.
      const report = await runs.start({
        reportId: reportIdFromEvent('cd', event.id),
        trigger: 'combination-detected',
        deviceId: deviceIdOfImei(detected.imei),
        msisdn: detected.msisdn,
        requestedBy: 'diagnostics',
        mode: detected.kind === 'new-combination' ? 'full' : 'identity-only',
      });
      logger.debug({ eventId: event.id, reportId: report.reportId }, 'detection diagnosed');
    },
  });
  const results = await bus.subscribe({
    topic: JOB_RESULTS_TOPIC,
    group: `${group}.job-results`,
    handler: async (event) => {
      const outcome = await completions.apply(event.data);
      if (outcome !== 'not-ours') logger.debug({ jobId: event.data.jobId, outcome }, 'job result applied');
    },
  });
  const deviceAlerts = await bus.subscribe({
    topic: ALERTS_TOPIC,
    group: `${group}.alerts`,
    handler: async (event) => {
      await alerts.apply(event.id, event.data);
    },
  });
  return [detections, results, deviceAlerts];
}
