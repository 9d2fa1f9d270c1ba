import type { EventBus } from '@dms/bus';
import type { Finding, ReportCompleted } from '@dms/contracts';
import type { Filter } from '@dms/store';
import type { ReportRepository } from '../data-access/report.repository';
import { reportCompletedEvent, type StoredReport } from './diagnostic-report.model';

export const REPORT_TOPIC = 'diagnostics.report-completed.v1' as const;

export interface Completion {
  outcome: ReportCompleted['outcome'];
  findings: Finding[];
  device?: ReportCompleted['device'];
}

/** The event id of a report: one per report, so a re-publish after a crash deduplicates downstream. */
export const reportEventId = (reportId: string): string => `report:${reportId}`;

/**
 * Completes a report and announces it exactly once: the completed state is written first
 * (conditionally, so a replayed job result does not complete it twice), then the event
 * goes out under a deterministic id, then `published` is set. A crash in between leaves
 * `published: false`, and the redelivered input publishes the same event again.
 */
export class ReportPublisher {
  constructor(
    private readonly reports: ReportRepository,
    private readonly bus: EventBus,
    private readonly clock: () => Date,
    private readonly onCompleted: (report: StoredReport) => void = () => undefined,
  ) {}

  async complete(report: StoredReport, completion: Completion, where: Filter, extra: Partial<StoredReport> = {}): Promise<StoredReport | undefined> {
    const completed: StoredReport = {
      ...report,
      pendingJobId: undefined,
      ...extra,
      status: 'completed',
      outcome: completion.outcome,
      findings: completion.findings.slice(0, 200),
      ...(completion.device === undefined ? {} : { device: completion.device }),
      completedAt: this.clock().toISOString(),
      published: false,
    };
    const { _id: _ignored, pendingJobId: _done, ...fields } = completed;
    const applied = await this.reports.update(report.reportId, { $set: fields, $unset: ['pendingJobId'] }, where);
    if (!applied) return undefined;
    this.onCompleted(completed);
    await this.publishIfPending(completed);
    return completed;
  }

  async publishIfPending(report: StoredReport): Promise<void> {
    if (report.status !== 'completed' || report.published) return;
    await this.bus.publish(REPORT_TOPIC, reportCompletedEvent(report), {
      id: reportEventId(report.reportId),
      key: report.deviceId,
      subject: report.deviceId,
      correlationId: report.reportId,
    });
    await this.reports.update(report.reportId, { $set: { published: true } });
  }
}
