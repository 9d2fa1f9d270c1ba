import type { EventBus } from '@dms/bus';
import { imeiOfDeviceId, tacOf } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { DeviceDirectory } from '../data-access/device.directory';
import type { ReportRepository } from '../data-access/report.repository';
import type { ConsentService } from './consent.service';
import { jobIdOf } from './diagnostic-job.plan';
import type { JobPhase, ReportTrigger, RunConsent, RunMode, StoredReport } from './diagnostic-report.model';
import { jobRequest, type JobSettings } from './job-request.factory';
import type { ReportPublisher } from './report.publisher';

/** `ask` (default): a subscriber never asked gets a confirmation alert; `implied`: runs as if granted. */
export type NotAskedPolicy = 'ask' | 'implied';

export interface RunRequest {
  reportId: string;
  trigger: ReportTrigger;
  deviceId: string;
  msisdn?: string;
  requestedBy: string;
  mode: RunMode;
}

/**
 * Starts a diagnostic run: consent, catalog and family lookups, then the first gateway job.
 * The report document is written before the job is published; a redelivered trigger finds
 * it and re-sends the same job id (the gateway queues a job id once) or re-announces a
 * report completed without a job.
 */
export class DiagnosticRunService {
  constructor(
    private readonly deps: {
      reports: ReportRepository;
      consent: ConsentService;
      directory: DeviceDirectory;
      publisher: ReportPublisher;
      bus: EventBus;
      logger: Logger;
      clock: () => Date;
      jobs: JobSettings;
      notAskedPolicy: NotAskedPolicy;
      onJobRequested?: (phase: JobPhase) => void;
    },
  ) {}

  async start(request: RunRequest): Promise<StoredReport> {
    const existing = await this.deps.reports.get(request.reportId);
    if (existing !== null) {
      await this.resume(existing);
      return existing;
    }
    const imei = imeiOfDeviceId(request.deviceId);
    const facts = imei === undefined ? undefined : await this.deps.directory.terminal(imei);
    const msisdn = request.msisdn ?? facts?.msisdn;
    const consent = await this.consentFor(msisdn);
    const report: StoredReport = {
      _id: request.reportId,
      reportId: request.reportId,
      deviceId: request.deviceId,
      ...(msisdn === undefined ? {} : { msisdn }),
      ...(imei === undefined ? {} : { imei }),
      trigger: request.trigger,
      requestedBy: request.requestedBy,
      startedAt: this.deps.clock().toISOString(),
      status: 'running',
      mode: request.mode,
      consent,
      ...(facts?.manufacturer === undefined ? {} : { catalogManufacturer: facts.manufacturer }),
      ...(facts?.model === undefined ? {} : { catalogModel: facts.model }),
      ...(facts?.latestFwV === undefined ? {} : { latestFwV: facts.latestFwV }),
      readings: [],
      notes: [],
      findings: [],
      published: false,
    };
    if (consent === 'revoked') {
      // Consent revoked: no job, not even a question on the handset.
      await this.deps.reports.insert(report);
      await this.deps.publisher.complete(report, { outcome: 'declined', findings: [] }, { status: 'running' });
      return report;
    }
    const phase = await this.firstPhase(report, imei);
    const started: StoredReport = { ...report, phase, pendingJobId: jobIdOf(report.reportId, phase) };
    if (!(await this.deps.reports.insert(started))) return (await this.deps.reports.get(report.reportId)) ?? started;
    await this.sendJob(started, phase);
    this.deps.logger.info({ reportId: report.reportId, deviceId: report.deviceId, phase, consent }, 'diagnostic job requested');
    return started;
  }

  async sendJob(report: StoredReport, phase: JobPhase): Promise<void> {
    const request = jobRequest(report, phase, this.deps.jobs, this.deps.clock());
    await this.deps.bus.publish('dm.command-requested.v1', request, {
      id: `job:${request.jobId}`,
      key: report.deviceId,
      subject: report.deviceId,
      correlationId: report.reportId,
    });
    this.deps.onJobRequested?.(phase);
  }

  private async resume(report: StoredReport): Promise<void> {
    if (report.status === 'completed') await this.deps.publisher.publishIfPending(report);
    else if (report.phase !== undefined) await this.sendJob(report, report.phase);
  }

  private async consentFor(msisdn: string | undefined): Promise<RunConsent> {
    const policy = this.deps.notAskedPolicy;
    if (msisdn === undefined) return policy === 'ask' ? 'unknown-subscriber' : 'implied';
    const { state } = await this.deps.consent.check(msisdn, 'read-diagnostics');
    if (state === 'not-asked') return policy === 'ask' ? 'ask' : 'implied';
    return state;
  }

  /** One job when config knows the family from the catalog (or the TAC); else identity first. */
  private async firstPhase(report: StoredReport, imei: string | undefined): Promise<JobPhase> {
    if (report.mode === 'identity-only') return 'identity';
    const lookup = await this.deps.directory.expectedSettings({
      ...(report.catalogManufacturer === undefined ? {} : { manufacturer: report.catalogManufacturer }),
      ...(report.catalogModel === undefined ? {} : { model: report.catalogModel }),
      ...(imei === undefined ? {} : { tac: tacOf(imei) }),
    });
    if (lookup.kind !== 'found') return 'identity';
    report.expected = lookup.expected;
    return 'full';
  }
}
