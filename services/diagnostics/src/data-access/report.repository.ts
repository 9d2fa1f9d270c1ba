import type { DocumentCollection, DocumentStore, Filter, Update } from '@dms/store';
import type { StoredReport } from '../domain/diagnostic-report.model';

/** Diagnostic reports (collection `diagnostic_reports`), running and completed. */
export class ReportRepository {
  private readonly reports: DocumentCollection<StoredReport>;

  constructor(store: DocumentStore) {
    this.reports = store.collection<StoredReport>('diagnostic_reports');
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.reports.ensureIndex({ fields: { msisdn: 1, startedAt: -1 }, name: 'by_msisdn' }),
      this.reports.ensureIndex({ fields: { deviceId: 1, startedAt: -1 }, name: 'by_device' }),
    ]);
  }

  get(reportId: string): Promise<StoredReport | null> {
    return this.reports.get(reportId);
  }

  /** False when a report of this id exists (a redelivered trigger). */
  insert(report: StoredReport): Promise<boolean> {
    return this.reports.insert(report);
  }

  /** Conditional on `where` (the job we applied is still the pending one), so a replay changes nothing. */
  update(reportId: string, update: Update, where?: Filter): Promise<boolean> {
    return this.reports.update(reportId, update, where === undefined ? {} : { where });
  }

  /** Newest first. */
  find(filter: { msisdn?: string; deviceId?: string }, limit: number): Promise<StoredReport[]> {
    const where: Record<string, string> = {};
    if (filter.msisdn !== undefined) where['msisdn'] = filter.msisdn;
    if (filter.deviceId !== undefined) where['deviceId'] = filter.deviceId;
    return this.reports.find(where, { sort: { startedAt: -1 }, limit });
  }
}
