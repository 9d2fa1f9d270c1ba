import type { ReportCompleted } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { PackageCatalog } from '../packages';
import { UpdateInProgressError } from './firmware.errors';
import type { UpdateService } from './update.service';

/**
 * diagnostics.report-completed.v1 with `firmware-outdated`: when automatic updates are on
 * (DMS_FW_AUTO_UPDATE), the newest registered package for the handset's model that
 * applies to its firmware is offered through the usual consent rules (a never-decided
 * subscriber is asked on the handset). The report id is the origin: a redelivered report
 * is the same update.
 */
export class ReportOffer {
  constructor(
    private readonly catalog: PackageCatalog,
    private readonly updates: UpdateService,
    private readonly enabled: boolean,
    private readonly logger: Logger,
  ) {}

  async onReport(report: ReportCompleted): Promise<'off' | 'nothing' | 'no-package' | 'offered'> {
    if (!this.enabled) return 'off';
    const outdated = report.findings.find((f) => f.kind === 'firmware-outdated');
    const manufacturer = report.device?.manufacturer;
    const model = report.device?.model;
    if (outdated === undefined || manufacturer === undefined || model === undefined) return 'nothing';
    const current = outdated.current;
    const pkg = (await this.catalog.forModel(manufacturer, model)).find(
      (p) => p.version !== current && (p.fromVersions.length === 0 || p.fromVersions.includes(current)),
    );
    if (pkg === undefined) {
      this.logger.info(
        { deviceId: report.deviceId, manufacturer, model, current, latest: outdated.latest },
        'firmware outdated but no registered package applies',
      );
      return 'no-package';
    }
    try {
      await this.updates.request({
        deviceId: report.deviceId,
        ...(report.msisdn === undefined ? {} : { msisdn: report.msisdn }),
        packageId: pkg.packageId,
        fromVersion: current,
        requestedBy: 'diagnostics-report',
        origin: `report:${report.reportId}`,
      });
    } catch (err) {
      if (!(err instanceof UpdateInProgressError)) throw err;
      this.logger.info(
        { deviceId: report.deviceId, updateId: err.details?.['updateId'] },
        'firmware outdated but an update is already running',
      );
      return 'nothing';
    }
    return 'offered';
  }
}
