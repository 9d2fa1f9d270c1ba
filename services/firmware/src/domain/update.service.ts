import { createHash } from 'node:crypto';
import type { EventBus } from '@dms/bus';
import type { AlertRaised, ConsentState, DmCommandCompleted } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { UpdateRepository } from '../data-access/update.repository';
import type { FirmwarePackage, PackageCatalog } from '../packages';
import { PackageNotApplicableError, PackageNotFoundError, UpdateInProgressError } from './firmware.errors';
import { downloadAndUpdate, fumoInstanceFor, fumoSucceeded, type FumoNodes } from './fumo.plan';
import { jobIdOf, type UpdateOutcome, type UpdateRecord } from './update.model';

export const FIRMWARE_REQUESTER = 'firmware';

export interface UpdateSettings {
  /** The gateway drops a job the handset has not fetched by then (outcome expired). */
  jobTtlMs: number;
  /** Wake the handset by SMS (Package 0). */
  notify: boolean;
  /** Jobs that never ran (expired, interrupted) before the update is unreachable. */
  maxAttempts: number;
  /** How long an accepted update (Exec 202) may take to report its Generic Alert 1226. */
  resultTimeoutMs: number;
  /** Text of the 1101 confirmation when update-firmware consent was never decided; `{version}` is replaced. */
  confirmText: string;
  fumoNodes: FumoNodes;
}

export interface ConsentLookup {
  updateFirmware(msisdn: string | undefined): Promise<ConsentState>;
}

export interface UpdateRequest {
  deviceId: string;
  msisdn?: string;
  packageId: string;
  /** The firmware the handset runs now (DevDetail/FwV), when known: checked against the package's fromVersions. */
  fromVersion?: string;
  rolloutId?: string;
  stage?: number;
  requestedBy: string;
  /** What asks (a rollout, a console request id): the same origin is the same update. */
  origin: string;
}

/** RepPro 10 / FUMO result 401: the user cancelled. */
const USER_CANCELLED = 401;

/**
 * One handset's firmware update: consent (update-firmware, from diagnostics), the FUMO
 * DownloadAndUpdate job, its answer (Exec 202 = accepted), then the Generic Alert 1226
 * that carries the result. Every move is conditional on the job in flight, so redelivered
 * answers change nothing; the outcome event has an id derived from the update and is
 * published again until it is marked sent.
 */
export class UpdateService {
  constructor(
    private readonly bus: EventBus,
    private readonly updates: UpdateRepository,
    private readonly catalog: PackageCatalog,
    private readonly consent: ConsentLookup,
    private readonly settings: UpdateSettings,
    private readonly logger: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  static updateIdOf(origin: string, deviceId: string): string {
    return `fwu-${createHash('sha256').update(`${origin}|${deviceId}`).digest('hex').slice(0, 24)}`;
  }

  async request(request: UpdateRequest): Promise<UpdateRecord> {
    const updateId = UpdateService.updateIdOf(request.origin, request.deviceId);
    const known = await this.updates.get(updateId);
    if (known !== undefined) return known;
    const pkg = await this.catalog.get(request.packageId);
    if (pkg === undefined) throw new PackageNotFoundError(request.packageId);
    // One FUMO update at a time per handset: a second would overwrite the first one's PkgURL.
    const running = (await this.updates.find({ deviceId: request.deviceId, state: { $in: ['sent', 'accepted'] } }, 1))[0];
    if (running !== undefined) throw new UpdateInProgressError(request.deviceId, running._id);
    if (request.fromVersion !== undefined && pkg.fromVersions.length > 0 && !pkg.fromVersions.includes(request.fromVersion))
      throw new PackageNotApplicableError(pkg.packageId, request.fromVersion, pkg.fromVersions);
    const consent = await this.consent.updateFirmware(request.msisdn);
    const now = new Date(this.clock()).toISOString();
    const record: UpdateRecord = {
      _id: updateId,
      deviceId: request.deviceId,
      ...(request.msisdn === undefined ? {} : { msisdn: request.msisdn }),
      packageId: pkg.packageId,
      toVersion: pkg.version,
      ...(request.fromVersion === undefined ? {} : { fromVersion: request.fromVersion }),
      ...(request.rolloutId === undefined ? {} : { rolloutId: request.rolloutId }),
      ...(request.stage === undefined ? {} : { stage: request.stage }),
      state: 'sent',
      jobId: jobIdOf(updateId, 1),
      attempt: 1,
      asked: consent === 'not-asked',
      requestedBy: request.requestedBy,
      createdAt: now,
      updatedAt: now,
    };
    if (consent === 'revoked') {
      const ended: UpdateRecord = { ...record, state: 'ended', outcome: 'consent-revoked', attempt: 0, detail: 'update-firmware consent revoked; nothing sent', completedAt: now };
      if (await this.updates.insert(ended)) await this.announce(ended);
      return (await this.updates.get(updateId)) ?? ended;
    }
    if (!(await this.updates.insert(record))) return (await this.updates.get(updateId)) ?? record;
    await this.sendJob(record, pkg);
    this.logger.info({ updateId, deviceId: record.deviceId, packageId: pkg.packageId, toVersion: pkg.version, asked: record.asked }, 'firmware update requested');
    return record;
  }

  /** dm.command-completed.v1 of one of our jobs. */
  async onCompleted(done: DmCommandCompleted): Promise<'ignored' | 'accepted' | 'retried' | UpdateOutcome> {
    const record = await this.updates.get(done.correlationId);
    if (record === undefined || record.jobId !== done.jobId) return 'ignored';
    if (record.state !== 'sent') {
      await this.republish(record);
      return 'ignored';
    }
    const from = { jobId: record.jobId, state: record.state };
    switch (done.outcome) {
      case 'completed': {
        const dueAt = new Date(this.clock() + this.settings.resultTimeoutMs).toISOString();
        const moved = await this.updates.move(record._id, from, { $set: { state: 'accepted', resultDueAt: dueAt, updatedAt: this.nowIso() } });
        if (moved) this.logger.info({ updateId: record._id, deviceId: record.deviceId }, 'firmware update accepted by the handset; waiting for its result');
        return 'accepted';
      }
      case 'rejected':
        await this.end(record, from, 'declined', { detail: 'the user declined the update on the handset' });
        return 'declined';
      case 'partial':
      case 'failed': {
        const failing = done.results.find((r) => r.status >= 300);
        await this.end(record, from, 'failed', {
          ...(failing === undefined ? {} : { resultCode: failing.status }),
          detail: failing === undefined ? 'the handset did not run the update' : `${failing.verb} ${failing.target ?? ''} answered ${failing.status}`.trim(),
        });
        return 'failed';
      }
      case 'expired':
      case 'interrupted':
        if (record.attempt < this.settings.maxAttempts) {
          const attempt = record.attempt + 1;
          const jobId = jobIdOf(record._id, attempt);
          if (await this.updates.move(record._id, from, { $set: { attempt, jobId, updatedAt: this.nowIso() } })) await this.sendJob({ ...record, attempt, jobId });
          return 'retried';
        }
        await this.end(record, from, 'unreachable', { detail: `job ${done.outcome} on each of ${record.attempt} attempts` });
        return 'unreachable';
    }
  }

  /** device.alert-raised.v1: a Generic Alert 1226 whose Correlator names one of our jobs. */
  async onAlert(alert: AlertRaised): Promise<'ignored' | UpdateOutcome> {
    if (alert.code !== 1226 || alert.correlator === undefined) return 'ignored';
    const jobId = alert.correlator.split(':')[0] ?? '';
    const updateId = jobId.replace(/\.a\d+$/, '');
    const record = await this.updates.get(updateId);
    if (record === undefined || record.jobId !== jobId || record.deviceId !== alert.deviceId) return 'ignored';
    if (record.state === 'ended') {
      await this.republish(record);
      return 'ignored';
    }
    const code = Number.parseInt((alert.data ?? '').trim(), 10);
    if (!Number.isFinite(code)) {
      this.logger.warn({ updateId, deviceId: alert.deviceId, data: alert.data?.slice(0, 50) }, 'FUMO result alert without a numeric result code; ignored');
      return 'ignored';
    }
    const outcome: UpdateOutcome = fumoSucceeded(code) ? 'succeeded' : code === USER_CANCELLED ? 'declined' : 'failed';
    await this.end(record, { jobId: record.jobId, state: record.state }, outcome, { resultCode: code, detail: `FUMO result ${code}${alert.type === undefined ? '' : ` (${alert.type})`}` });
    return outcome;
  }

  /** Accepted updates whose result never came: unreachable after resultTimeoutMs. */
  async sweep(): Promise<number> {
    let ended = 0;
    for (const record of await this.updates.overdue(this.nowIso())) {
      if (await this.end(record, { jobId: record.jobId, state: 'accepted' }, 'unreachable', { detail: 'no FUMO result alert within the result timeout' })) ended += 1;
    }
    return ended;
  }

  /** The job of the attempt in flight; `known` is the package when the caller has just read it. */
  private async sendJob(record: UpdateRecord, known?: FirmwarePackage): Promise<void> {
    const pkg = known ?? (await this.catalog.get(record.packageId));
    if (pkg === undefined) throw new PackageNotFoundError(record.packageId);
    const instance = fumoInstanceFor(this.settings.fumoNodes, pkg.manufacturer);
    const now = this.clock();
    await this.bus.publish(
      'dm.command-requested.v1',
      {
        jobId: record.jobId,
        deviceId: record.deviceId,
        commands: downloadAndUpdate(instance, { name: `${pkg.manufacturer} ${pkg.model} ${pkg.version}`, version: pkg.version, url: this.catalog.downloadUrl(pkg.packageId, record.deviceId, now) }),
        ...(record.asked ? { userInteraction: { code: 1101, text: this.settings.confirmText.replace('{version}', pkg.version), maxDisplaySeconds: 300 } } : {}),
        priority: 'normal',
        expiresAt: new Date(now + this.settings.jobTtlMs).toISOString(),
        notify: this.settings.notify,
        ...(record.msisdn === undefined ? {} : { msisdn: record.msisdn }),
        correlationId: record._id,
        requestedBy: FIRMWARE_REQUESTER,
        requestedAt: new Date(now).toISOString(),
      },
      { id: `job:${record.jobId}`, key: record.deviceId, subject: record.deviceId, correlationId: record._id },
    );
  }

  private async end(
    record: UpdateRecord,
    from: { jobId: string; state: UpdateRecord['state'] },
    outcome: UpdateOutcome,
    extra: { resultCode?: number; detail?: string },
  ): Promise<boolean> {
    const completedAt = this.nowIso();
    const moved = await this.updates.move(record._id, from, { $set: { state: 'ended', outcome, ...extra, completedAt, updatedAt: completedAt }, $unset: ['resultDueAt'] });
    if (!moved) return false;
    const ended: UpdateRecord = { ...record, state: 'ended', outcome, ...extra, completedAt };
    await this.announce(ended);
    this.logger.info({ updateId: record._id, deviceId: record.deviceId, outcome, resultCode: extra.resultCode }, 'firmware update ended');
    return true;
  }

  /** The outcome event, id derived from the update: a repeat (redelivery, crash before it) is the same event. */
  private async announce(record: UpdateRecord): Promise<void> {
    if (record.outcome === undefined) return;
    await this.bus.publish(
      'firmware.update-completed.v1',
      {
        updateId: record._id,
        deviceId: record.deviceId,
        ...(record.msisdn === undefined ? {} : { msisdn: record.msisdn }),
        packageId: record.packageId,
        ...(record.rolloutId === undefined ? {} : { rolloutId: record.rolloutId }),
        ...(record.fromVersion === undefined ? {} : { fromVersion: record.fromVersion }),
        toVersion: record.toVersion,
        outcome: record.outcome,
        ...(record.resultCode === undefined ? {} : { resultCode: record.resultCode }),
        ...(record.detail === undefined ? {} : { detail: record.detail.slice(0, 1000) }),
        attempts: record.attempt,
        completedAt: record.completedAt ?? this.nowIso(),
      },
      { id: `fwu:${record._id}:ended`, key: record.deviceId, subject: record.deviceId, correlationId: record._id },
    );
  }

  /** A redelivered answer of an update that has ended: its event again (the same id; a crash may have come before it). */
  private async republish(record: UpdateRecord): Promise<void> {
    if (record.state === 'ended') await this.announce(record);
  }

  private nowIso(): string {
    return new Date(this.clock()).toISOString();
  }
}
