import type { DiagnosticReport } from '@dms/contracts';
import { imeiOfDeviceId } from '@dms/contracts';
import type { DeviceDirectory } from '../data-access/device.directory';
import type { ReportRepository } from '../data-access/report.repository';
import { reportView } from './diagnostic-report.model';
import type { DiagnosticRunService } from './diagnostic-run.service';
import { DirectoryUnavailableError, HandsetNotFoundError, InvalidDiagnosticsRequestError, ReportNotFoundError } from './diagnostics.errors';
import { deviceIdOfImei, newReportId } from './run-ids';

/** The on-demand face of the service, shared by REST and RPC. */
export class DiagnosticsQueryService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly runs: DiagnosticRunService,
    private readonly directory: DeviceDirectory,
  ) {}

  /** By device id, or by MSISDN through subscriber-terminal (its current handset). */
  async run(request: { msisdn?: string; deviceId?: string; requestedBy: string }): Promise<{ reportId: string; deviceId: string }> {
    let deviceId = request.deviceId;
    if (deviceId === undefined) {
      if (request.msisdn === undefined) throw new InvalidDiagnosticsRequestError('give msisdn or deviceId');
      const found = await this.directory.subscriber(request.msisdn);
      if (found.kind === 'unavailable') throw new DirectoryUnavailableError('subscriber-terminal');
      if (found.kind === 'unknown' || found.imei === undefined) throw new HandsetNotFoundError(request.msisdn);
      deviceId = deviceIdOfImei(found.imei);
    } else if (/^imei:/i.test(deviceId) && imeiOfDeviceId(deviceId) === undefined) {
      throw new InvalidDiagnosticsRequestError('an IMEI device id is IMEI:<14 or 15 digits>', { deviceId });
    }
    const report = await this.runs.start({
      reportId: newReportId(),
      trigger: 'manual',
      deviceId,
      ...(request.msisdn === undefined ? {} : { msisdn: request.msisdn }),
      requestedBy: request.requestedBy,
      mode: 'full',
    });
    return { reportId: report.reportId, deviceId };
  }

  async list(filter: { msisdn?: string; deviceId?: string; limit: number }): Promise<DiagnosticReport[]> {
    if (filter.msisdn === undefined && filter.deviceId === undefined)
      throw new InvalidDiagnosticsRequestError('give msisdn or deviceId');
    const found = await this.reports.find(
      { ...(filter.msisdn === undefined ? {} : { msisdn: filter.msisdn }), ...(filter.deviceId === undefined ? {} : { deviceId: filter.deviceId }) },
      filter.limit,
    );
    return found.map(reportView);
  }

  async get(reportId: string): Promise<DiagnosticReport> {
    const report = await this.reports.get(reportId);
    if (report === null) throw new ReportNotFoundError(reportId);
    return reportView(report);
  }
}
