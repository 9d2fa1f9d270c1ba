import type { AlertRaised, Finding } from '@dms/contracts';
import { imeiOfDeviceId } from '@dms/contracts';
import type { DeviceDirectory } from '../data-access/device.directory';
import type { ReportRepository } from '../data-access/report.repository';
import type { StoredReport } from './diagnostic-report.model';
import type { ReportPublisher } from './report.publisher';
import { reportIdFromEvent } from './run-ids';

/** Generic alert Mark (DM 1.2 RepPro 6.6.2.1) as a finding severity. */
function severityOf(mark: AlertRaised['mark']): 'info' | 'warning' | 'critical' {
  if (mark === 'fatal' || mark === 'critical') return 'critical';
  if (mark === 'minor' || mark === 'warning') return 'warning';
  return 'info';
}

export function alertFinding(alert: AlertRaised): Finding {
  return {
    kind: 'device-alert',
    alertType: (alert.type ?? `alert-${alert.code}`).slice(0, 200),
    ...(alert.data === undefined ? {} : { data: alert.data.slice(0, 1000) }),
    severity: severityOf(alert.mark),
  };
}

/**
 * A device alert becomes its own report (trigger `device-alert`), not an edit of an older
 * one: a published report never changes, and config/firmware see the alert as one event.
 * The report id comes from the event id, so a redelivery finds the report and only
 * re-announces it if it was not announced yet.
 */
export class DeviceAlertService {
  constructor(
    private readonly deps: { reports: ReportRepository; directory: DeviceDirectory; publisher: ReportPublisher; clock: () => Date },
  ) {}

  async apply(eventId: string, alert: AlertRaised): Promise<StoredReport> {
    const reportId = reportIdFromEvent('alert', eventId);
    const existing = await this.deps.reports.get(reportId);
    if (existing !== null) {
      await this.deps.publisher.publishIfPending(existing);
      return existing;
    }
    const imei = imeiOfDeviceId(alert.deviceId);
    const facts = imei === undefined ? undefined : await this.deps.directory.terminal(imei);
    const report: StoredReport = {
      _id: reportId,
      reportId,
      deviceId: alert.deviceId,
      ...(facts?.msisdn === undefined ? {} : { msisdn: facts.msisdn }),
      ...(imei === undefined ? {} : { imei }),
      trigger: 'device-alert',
      requestedBy: 'device',
      startedAt: this.deps.clock().toISOString(),
      status: 'running',
      mode: 'identity-only',
      consent: 'implied',
      readings: [],
      notes: [],
      findings: [],
      published: false,
    };
    await this.deps.reports.insert(report);
    return (await this.deps.publisher.complete(report, { outcome: 'complete', findings: [alertFinding(alert)] }, { status: 'running' })) ?? report;
  }
}
