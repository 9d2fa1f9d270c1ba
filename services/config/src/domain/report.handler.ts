import type { ReportCompleted } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { ConfigurationService, ConfigureOutcome } from './configuration.service';
import { settingFindingsOf } from './setting-findings';

/** Report outcomes whose findings are worth acting on; `unreachable` and `declined` read nothing. */
const READ_OUTCOMES: ReadonlySet<ReportCompleted['outcome']> = new Set(['complete', 'partial']);

/**
 * diagnostics.report-completed.v1 -> push what is missing or wrong, where the report says:
 * its setting-* findings per setting go to the planner, which places them on the template
 * (the report is fresher than what config recorded it wrote). The report id is the origin
 * of the jobs, so a redelivered report plans the very same jobs (nothing twice).
 */
export class ReportHandler {
  constructor(
    private readonly configuration: ConfigurationService,
    private readonly logger: Logger,
  ) {}

  async onReport(report: ReportCompleted, correlationId?: string): Promise<ConfigureOutcome | 'nothing-to-do'> {
    if (!READ_OUTCOMES.has(report.outcome)) return 'nothing-to-do';
    const findings = settingFindingsOf(report.findings);
    if (findings.length === 0) return 'nothing-to-do';
    const settings = findings.map((f) => f.setting);
    const { outcome, jobIds } = await this.configuration.configure({
      target: {
        deviceId: report.deviceId,
        ...(report.msisdn === undefined ? {} : { msisdn: report.msisdn }),
        ...(report.device?.manufacturer === undefined ? {} : { manufacturer: report.device.manufacturer }),
        ...(report.device?.model === undefined ? {} : { model: report.device.model }),
      },
      settings,
      findings,
      origin: `report:${report.reportId}`,
      correlationId: correlationId ?? report.correlationId ?? report.reportId,
    });
    this.logger.info({ deviceId: report.deviceId, reportId: report.reportId, settings, outcome, jobIds }, 'diagnostic report handled');
    return outcome;
  }
}
