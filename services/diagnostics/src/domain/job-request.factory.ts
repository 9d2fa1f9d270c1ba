import type { EventInput } from '@dms/contracts';
import { getCommands, isFirstPhase, jobIdOf, nodesFor } from './diagnostic-job.plan';
import type { JobPhase, StoredReport } from './diagnostic-report.model';

export interface JobSettings {
  /** After this long the gateway drops a job the handset never fetched and reports it expired. */
  jobTtlMs: number;
  /** Wake the handset by SMS (Package 0) instead of waiting for its own next session. */
  notify: boolean;
  /** Text of the 1101 confirmation alert when consent was never asked. */
  askText: string;
}

export const DIAGNOSTICS_REQUESTER = 'diagnostics';

/**
 * The gateway job of one phase of a run. Only the first job of a run asks the user (RepPro
 * 6.6.1 alert 1101, answered before the commands run; a no cancels the job): the second job
 * of a two-phase run follows an answer already given.
 */
export function jobRequest(report: StoredReport, phase: JobPhase, settings: JobSettings, now: Date): EventInput<'dm.command-requested.v1'> {
  const ask = report.consent === 'ask' || report.consent === 'unknown-subscriber';
  return {
    // The gateway queues a job id once: a job sent again after a broken session has its own.
    jobId: jobIdOf(report.reportId, phase, report.retries ?? 0),
    deviceId: report.deviceId,
    commands: getCommands(nodesFor(phase, report.expected, report.readings)),
    ...(ask && isFirstPhase(phase) ? { userInteraction: { code: 1101, text: settings.askText, maxDisplaySeconds: 300 } } : {}),
    priority: 'normal',
    expiresAt: new Date(now.getTime() + settings.jobTtlMs).toISOString(),
    notify: settings.notify,
    ...(report.msisdn === undefined ? {} : { msisdn: report.msisdn }),
    correlationId: report.reportId,
    requestedBy: DIAGNOSTICS_REQUESTER,
    requestedAt: now.toISOString(),
  };
}
