import type { ReportCompleted, SettingKind } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { ConfigurationService, ConfigureOutcome } from './configuration.service';

/** Report outcomes whose findings are worth acting on; `unreachable` and `declined` read nothing. */
const READ_OUTCOMES: ReadonlySet<ReportCompleted['outcome']> = new Set(['complete', 'partial']);

/**
 * diagnostics.report-completed.v1 -> push what is missing or wrong. The report id is the
 * origin of the jobs, so a redelivered report plans the very same jobs (nothing twice).
 */
export class ReportHandler {
  constructor(
    private readonly configuration: ConfigurationService,
    private readonly logger: Logger,
  ) {}

  async onReport(report: ReportCompleted, correlationId?: string): Promise<ConfigureOutcome | 'nothing-to-do'> {
    if (!READ_OUTCOMES.has(report.outcome)) return 'nothing-to-do';
    const settings = new Set<SettingKind>();
    const wrong = new Set<SettingKind>();
    for (const finding of report.findings) {
      if (finding.kind === 'setting-missing') settings.add(finding.setting);
      if (finding.kind === 'setting-wrong') {
        settings.add(finding.setting);
        wrong.add(finding.setting);
      }
    }
    if (settings.size === 0) return 'nothing-to-do';
    const { outcome, jobIds } = await this.configuration.configure({
      target: {
        deviceId: report.deviceId,
        ...(report.msisdn === undefined ? {} : { msisdn: report.msisdn }),
        ...(report.device?.manufacturer === undefined ? {} : { manufacturer: report.device.manufacturer }),
        ...(report.device?.model === undefined ? {} : { model: report.device.model }),
      },
      settings: [...settings],
      existing: [...wrong],
      origin: `report:${report.reportId}`,
      correlationId: correlationId ?? report.correlationId ?? report.reportId,
    });
    this.logger.info({ deviceId: report.deviceId, reportId: report.reportId, settings: [...settings], outcome, jobIds }, 'diagnostic report handled');
    return outcome;
  }
}
