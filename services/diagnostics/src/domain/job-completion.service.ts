import type { DmCommandCompleted, ReportCompleted } from '@dms/contracts';
import { tacOf } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { DeviceDirectory } from '../data-access/device.directory';
import type { ReportRepository } from '../data-access/report.repository';
import type { ConsentService } from './consent.service';
import { isFirstPhase, jobIdOf, readValue, readingsOf } from './diagnostic-job.plan';
import type { NodeReading, StoredReport } from './diagnostic-report.model';
import type { DiagnosticRunService } from './diagnostic-run.service';
import { deriveFindings } from './finding.deriver';
import { instanceNodes } from './instance.matcher';
import type { ReportPublisher } from './report.publisher';

/** Job outcomes where the handset never ran the job (or its session broke off). */
const NO_ANSWER = new Set<DmCommandCompleted['outcome']>(['expired', 'interrupted', 'failed']);
/**
 * A session that broke off (a dropped connection, a handset that crashed) says the handset is
 * reachable: the job is sent again, as many times as this, before the run gives up on it.
 */
export const MAX_JOB_RETRIES = 2;

export type CompletionOutcome = 'not-ours' | 'replay' | 'next-job' | 'completed';

/**
 * Applies the gateway's answer to a job of ours (dm.command-completed.v1 whose job id is the
 * report's pending one). Everything is conditional on that job id still being pending, so
 * a redelivered answer changes nothing (and only re-announces a report not yet announced).
 */
export class JobCompletionService {
  constructor(
    private readonly deps: {
      reports: ReportRepository;
      consent: ConsentService;
      directory: DeviceDirectory;
      publisher: ReportPublisher;
      runs: DiagnosticRunService;
      logger: Logger;
    },
  ) {}

  async apply(done: DmCommandCompleted): Promise<CompletionOutcome> {
    const report = await this.deps.reports.get(done.correlationId);
    if (report === null || report.deviceId !== done.deviceId || !done.jobId.startsWith(report.reportId)) return 'not-ours';
    if (report.status === 'completed' || report.pendingJobId !== done.jobId || report.phase === undefined) {
      await this.deps.publisher.publishIfPending(report);
      return 'replay';
    }
    const pending = { pendingJobId: done.jobId, status: 'running' };
    const asked = (report.consent === 'ask' || report.consent === 'unknown-subscriber') && isFirstPhase(report.phase);
    if (asked && report.msisdn !== undefined && (done.outcome === 'rejected' || isAccepted(done)))
      await this.deps.consent.recordHandsetAnswer(report.msisdn, report.reportId, done.outcome !== 'rejected');
    if (done.outcome === 'rejected') {
      await this.deps.publisher.complete(report, { outcome: 'declined', findings: [] }, pending);
      return 'completed';
    }
    const readings = merge(report.readings, readingsOf(done.results));
    if (done.outcome === 'interrupted' && (report.retries ?? 0) < MAX_JOB_RETRIES && (await this.retry(report, readings)))
      return 'next-job';
    if (NO_ANSWER.has(done.outcome) && readings.length === 0) {
      const reason = `job ${done.outcome}: the handset did not answer`;
      await this.deps.publisher.complete(report, { outcome: 'unreachable', findings: [{ kind: 'device-unreachable', reason }] }, pending);
      return 'completed';
    }
    const notes = [...report.notes];
    if (NO_ANSWER.has(done.outcome)) notes.push(`job ${done.outcome} before every node was read`);
    if (report.phase === 'identity' && report.mode === 'full' && !NO_ANSWER.has(done.outcome)) {
      const next = await this.nextJob(report, readings, notes);
      if (next) return 'next-job';
    }
    if ((report.phase === 'full' || report.phase === 'settings') && !NO_ANSWER.has(done.outcome) && (await this.readInstances(report, readings)))
      return 'next-job';
    const latestFwV = report.latestFwV ?? (await this.latestFwV(report));
    const findings = deriveFindings({
      readings,
      ...(report.expected === undefined ? {} : { expected: report.expected }),
      ...(latestFwV === undefined ? {} : { latestFwV }),
    });
    const outcome: ReportCompleted['outcome'] = notes.length > 0 ? 'partial' : 'complete';
    await this.deps.publisher.complete(report, { outcome, findings, device: deviceOf(readings, report) }, pending, { readings, notes });
    return 'completed';
  }

  /**
   * The catalog's current firmware, asked again at the end when the run started without it:
   * subscriber-terminal handles the same detection at the same time, so at the start it may
   * not have stored the handset yet.
   */
  private async latestFwV(report: StoredReport): Promise<string | undefined> {
    if (report.imei === undefined) return undefined;
    return (await this.deps.directory.terminal(report.imei))?.latestFwV;
  }

  /** The same phase again under a new job id (kept readings stay merged). */
  private async retry(report: StoredReport, readings: NodeReading[]): Promise<boolean> {
    const phase = report.phase!;
    const retries = (report.retries ?? 0) + 1;
    const pendingJobId = jobIdOf(report.reportId, phase, retries);
    const moved = await this.deps.reports.update(
      report.reportId,
      { $set: { readings, retries, pendingJobId } },
      { pendingJobId: report.pendingJobId ?? '', status: 'running' },
    );
    if (moved) {
      this.deps.logger.info({ reportId: report.reportId, deviceId: report.deviceId, phase, retries }, 'diagnostic job interrupted; sent again');
      await this.deps.runs.sendJob({ ...report, readings, retries, pendingJobId }, phase);
    }
    return moved;
  }

  /**
   * The handset's collections list instances of its own (a factory-configured NAP, MMS or
   * bookmark): one more job reads their leaves, so the settings are compared where the
   * handset keeps them instead of where config would have written them.
   */
  private async readInstances(report: StoredReport, readings: NodeReading[]): Promise<boolean> {
    if (report.expected === undefined || instanceNodes(report.expected, readings).length === 0) return false;
    const pendingJobId = jobIdOf(report.reportId, 'instances', report.retries ?? 0);
    const moved = await this.deps.reports.update(
      report.reportId,
      { $set: { readings, phase: 'instances', pendingJobId } },
      { pendingJobId: report.pendingJobId ?? '', status: 'running' },
    );
    if (moved) await this.deps.runs.sendJob({ ...report, readings, phase: 'instances', pendingJobId }, 'instances');
    return true;
  }

  /** The family was unknown up front: ask config with the Man/Mod the handset gave, then read the settings. */
  private async nextJob(report: StoredReport, readings: NodeReading[], notes: string[]): Promise<boolean> {
    const manufacturer = readValue(readings, './DevInfo/Man');
    const model = readValue(readings, './DevInfo/Mod');
    const lookup = await this.deps.directory.expectedSettings({
      ...(manufacturer ? { manufacturer } : {}),
      ...(model ? { model } : {}),
      ...(report.imei === undefined ? {} : { tac: tacOf(report.imei) }),
    });
    if (lookup.kind === 'unavailable') notes.push('config did not answer: settings not compared');
    if (lookup.kind !== 'found') return false;
    const pendingJobId = jobIdOf(report.reportId, 'settings', report.retries ?? 0);
    const next: StoredReport = { ...report, readings, expected: lookup.expected, phase: 'settings', pendingJobId };
    const moved = await this.deps.reports.update(
      report.reportId,
      { $set: { readings, expected: lookup.expected, phase: 'settings', pendingJobId } },
      { pendingJobId: report.pendingJobId ?? '', status: 'running' },
    );
    if (moved) await this.deps.runs.sendJob(next, 'settings');
    return true;
  }
}

function isAccepted(done: DmCommandCompleted): boolean {
  return done.userResponse !== undefined && done.userResponse.status >= 200 && done.userResponse.status < 300;
}

function merge(before: readonly NodeReading[], answers: readonly NodeReading[]): NodeReading[] {
  const byUri = new Map(before.map((r) => [r.uri, r]));
  for (const r of answers) byUri.set(r.uri, r);
  return [...byUri.values()];
}

function deviceOf(readings: readonly NodeReading[], report: StoredReport): ReportCompleted['device'] {
  const pick = (uri: string) => {
    const value = readValue(readings, uri);
    return value === undefined || value === '' ? undefined : value.slice(0, 200);
  };
  const device = {
    manufacturer: pick('./DevInfo/Man'),
    model: pick('./DevInfo/Mod'),
    family: report.expected?.family,
    fwV: pick('./DevDetail/FwV'),
    swV: pick('./DevDetail/SwV'),
    hwV: pick('./DevDetail/HwV'),
  };
  return Object.fromEntries(Object.entries(device).filter(([, v]) => v !== undefined));
}
