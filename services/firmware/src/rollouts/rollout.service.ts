import { randomUUID } from 'node:crypto';
import type { EventBus, Rpc } from '@dms/bus';
import { deviceIdOfImei } from '@dms/contracts';
import type { Logger } from '@dms/service-kit';
import type { UpdateRepository } from '../data-access/update.repository';
import {
  PackageNotApplicableError,
  PackageNotFoundError,
  RolloutNotFoundError,
  RolloutStateError,
} from '../domain/firmware.errors';
import type { UpdateService } from '../domain/update.service';
import type { PackageCatalog } from '../packages';
import {
  orderOf,
  targetIdOf,
  type RolloutCounts,
  type RolloutDevice,
  type RolloutRecord,
  type RolloutState,
  type RolloutTarget,
  type TargetRecord,
} from './rollout.model';
import type { RolloutRepository } from './rollout.repository';

export interface RolloutSettings {
  /** Handsets read per enumeration step (query page, list slice). */
  pageSize: number;
  /** Default updates started per tick and rollout. */
  perTick: number;
}

export interface NewRollout {
  name: string;
  packageId: string;
  target: RolloutTarget;
  stages?: number[];
  maxFailureRate?: number;
  perTick?: number;
  createdBy: string;
}

export const DEFAULT_STAGES = [1, 10, 50, 100];
export const DEFAULT_MAX_FAILURE_RATE = 0.1;

const sameText = (a: string | undefined, b: string) =>
  a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Staged rollouts: the group is enumerated into target records (insert-once, so a page
 * read again after a restart adds nothing), then each tick starts the waiting handsets of
 * the current stage (at most `perTick`) through UpdateService and, once every update of
 * the stage has ended, halts on a failure rate above the limit or moves to the next
 * stage. Every state change is announced on firmware.rollout-changed.v1.
 */
export class RolloutService {
  constructor(
    private readonly bus: EventBus,
    private readonly rpc: Rpc,
    private readonly repository: RolloutRepository,
    private readonly updates: UpdateRepository,
    private readonly updateService: UpdateService,
    private readonly catalog: PackageCatalog,
    private readonly settings: RolloutSettings,
    private readonly logger: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  async create(input: NewRollout): Promise<RolloutRecord> {
    const pkg = await this.catalog.get(input.packageId);
    if (pkg === undefined) throw new PackageNotFoundError(input.packageId);
    const now = this.nowIso();
    const record: RolloutRecord = {
      _id: `fwr-${randomUUID()}`,
      name: input.name,
      packageId: pkg.packageId,
      toVersion: pkg.version,
      manufacturer: pkg.manufacturer,
      model: pkg.model,
      fromVersions: pkg.fromVersions,
      target: input.target,
      stages: input.stages ?? DEFAULT_STAGES,
      maxFailureRate: input.maxFailureRate ?? DEFAULT_MAX_FAILURE_RATE,
      perTick: input.perTick ?? this.settings.perTick,
      state: 'enumerating',
      stage: 0,
      cursor: null,
      enumerated: 0,
      enumerationDone: false,
      createdBy: input.createdBy,
      createdAt: now,
      updatedAt: now,
    };
    await this.repository.rollouts.insert(record);
    this.logger.info(
      { rolloutId: record._id, packageId: pkg.packageId, stages: record.stages },
      'firmware rollout created',
    );
    return record;
  }

  async get(rolloutId: string): Promise<RolloutRecord> {
    const record = await this.repository.get(rolloutId);
    if (record === undefined) throw new RolloutNotFoundError(rolloutId);
    return record;
  }

  list(): Promise<RolloutRecord[]> {
    return this.repository.list();
  }

  async pause(rolloutId: string): Promise<RolloutRecord> {
    return this.transition(rolloutId, ['running', 'enumerating'], 'paused', 'pause');
  }

  /** Paused or halted (the operator looked at the failures and goes on). */
  async resume(rolloutId: string): Promise<RolloutRecord> {
    return this.transition(rolloutId, ['paused', 'halted'], 'running', 'resume');
  }

  /** Starts nothing more; updates already sent run to their end. */
  async cancel(rolloutId: string): Promise<RolloutRecord> {
    return this.transition(
      rolloutId,
      ['enumerating', 'running', 'paused', 'halted'],
      'cancelled',
      'be cancelled',
    );
  }

  /** One step of every active rollout; the service's timer calls it, tests too. */
  async tick(): Promise<void> {
    for (const rollout of await this.repository.active()) {
      try {
        if (rollout.state === 'enumerating') await this.enumerate(rollout);
        else await this.advance(rollout);
      } catch (err) {
        this.logger.error({ err, rolloutId: rollout._id }, 'rollout step failed; tried again next tick');
      }
    }
  }

  async counts(rollout: RolloutRecord): Promise<RolloutCounts> {
    const t = this.repository.targets;
    const u = this.updates;
    const [targeted, skipped, started, succeeded, failed, declined, unreachable] = await Promise.all([
      t.count({ rolloutId: rollout._id }),
      t.count({ rolloutId: rollout._id, state: 'skipped' }),
      t.count({ rolloutId: rollout._id, state: 'started' }),
      u.count({ rolloutId: rollout._id, outcome: 'succeeded' }),
      u.count({ rolloutId: rollout._id, outcome: 'failed' }),
      u.count({ rolloutId: rollout._id, outcome: { $in: ['declined', 'consent-revoked'] } }),
      u.count({ rolloutId: rollout._id, outcome: 'unreachable' }),
    ]);
    return {
      targeted,
      skipped,
      started,
      succeeded,
      failed,
      declined,
      unreachable,
      pending: targeted - skipped - (succeeded + failed + declined + unreachable),
    };
  }

  private async enumerate(rollout: RolloutRecord): Promise<void> {
    const page =
      rollout.target.kind === 'list'
        ? this.listPage(rollout.target.devices, rollout.cursor)
        : await this.queryPage(rollout.target.criteria, rollout.cursor);
    await Promise.all(page.devices.map((d) => this.repository.targets.insert(this.targetOf(rollout, d))));
    const done = page.next === null;
    const moved = await this.repository.move(rollout._id, 'enumerating', {
      $set: {
        cursor: page.next,
        enumerationDone: done,
        state: done ? 'running' : 'enumerating',
        updatedAt: this.nowIso(),
      },
      $inc: { enumerated: page.devices.length },
    });
    if (moved && done) await this.announce({ ...rollout, state: 'running' });
  }

  private listPage(
    devices: RolloutDevice[],
    cursor: string | null,
  ): { devices: RolloutDevice[]; next: string | null } {
    const from = Number(cursor ?? '0');
    const to = from + this.settings.pageSize;
    return { devices: devices.slice(from, to), next: to < devices.length ? String(to) : null };
  }

  private async queryPage(
    criteria: Record<string, string>,
    cursor: string | null,
  ): Promise<{ devices: RolloutDevice[]; next: string | null }> {
    const answer = await this.rpc.request('subscriber-terminal.query.v1', {
      criteria: {
        ...criteria,
        limit: String(this.settings.pageSize),
        ...(cursor === null ? {} : { cursor }),
      },
    });
    const devices = answer.items.flatMap((item): RolloutDevice[] =>
      item.terminal === null
        ? []
        : [
            {
              deviceId: deviceIdOfImei(item.terminal.imei),
              msisdn: item.msisdn,
              ...(item.terminal.fwV === undefined ? {} : { fwV: item.terminal.fwV }),
            },
          ],
    );
    return { devices, next: answer.nextCursor };
  }

  /** Handsets already on the version, or on one the package does not apply to, are skipped (and counted). */
  private targetOf(rollout: RolloutRecord, d: RolloutDevice): TargetRecord {
    const skip =
      d.fwV !== undefined && sameText(d.fwV, rollout.toVersion)
        ? ('already-current' as const)
        : d.fwV !== undefined && rollout.fromVersions.length > 0 && !rollout.fromVersions.includes(d.fwV)
          ? ('not-applicable' as const)
          : undefined;
    return {
      _id: targetIdOf(rollout._id, d.deviceId),
      rolloutId: rollout._id,
      deviceId: d.deviceId,
      ...(d.msisdn === undefined ? {} : { msisdn: d.msisdn }),
      ...(d.fwV === undefined ? {} : { fwV: d.fwV }),
      order: orderOf(rollout._id, d.deviceId),
      state: skip === undefined ? 'waiting' : 'skipped',
      ...(skip === undefined ? {} : { skip }),
    };
  }

  private async advance(rollout: RolloutRecord): Promise<void> {
    const bound = (rollout.stages[rollout.stage] ?? 100) / 100;
    const waiting = await this.repository.targets.find(
      { rolloutId: rollout._id, state: 'waiting', order: { $lt: bound >= 1 ? 2 : bound } },
      { sort: { order: 1 }, limit: rollout.perTick },
    );
    for (const target of waiting) {
      let update;
      try {
        update = await this.updateService.request({
          deviceId: target.deviceId,
          ...(target.msisdn === undefined ? {} : { msisdn: target.msisdn }),
          packageId: rollout.packageId,
          ...(target.fwV === undefined ? {} : { fromVersion: target.fwV }),
          rolloutId: rollout._id,
          stage: rollout.stage,
          requestedBy: `rollout:${rollout._id}`,
          origin: rollout._id,
        });
      } catch (err) {
        if (err instanceof PackageNotApplicableError) {
          await this.repository.targets.update(target._id, {
            $set: { state: 'skipped', skip: 'not-applicable' },
          });
          continue;
        }
        // Another update running on the handset, the store or the bus away: tried again next tick.
        this.logger.warn(
          { err, rolloutId: rollout._id, deviceId: target.deviceId },
          'rollout could not start an update; tried again next tick',
        );
        continue;
      }
      await this.repository.targets.update(target._id, { $set: { state: 'started', updateId: update._id } });
    }
    if (waiting.length > 0) return;
    // (Waiting ones that could not start stay waiting: they keep the stage open until they do.)
    const open = await this.updates.count({ rolloutId: rollout._id, state: { $ne: 'ended' } });
    if (open > 0) return;
    const counts = await this.counts(rollout);
    // Judged per stage: a stage resumed after a halt is not halted again by the failures already seen.
    const [succeeded, failed] = await Promise.all([
      this.updates.count({ rolloutId: rollout._id, stage: rollout.stage, outcome: 'succeeded' }),
      this.updates.count({ rolloutId: rollout._id, stage: rollout.stage, outcome: 'failed' }),
    ]);
    const judged = succeeded + failed;
    const rate = judged === 0 ? 0 : failed / judged;
    if (rate > rollout.maxFailureRate && !rollout.overridden) {
      const reason = `failure rate ${(rate * 100).toFixed(1)}% (${failed} of ${judged}) above ${(rollout.maxFailureRate * 100).toFixed(1)}% in stage ${rollout.stage + 1} of ${rollout.stages.length}`;
      if (
        await this.repository.move(rollout._id, 'running', {
          $set: { state: 'halted', reason, updatedAt: this.nowIso() },
        })
      ) {
        this.logger.warn(
          { rolloutId: rollout._id, failed: counts.failed, judged },
          'firmware rollout halted',
        );
        await this.announce({ ...rollout, state: 'halted', reason }, counts);
      }
      return;
    }
    const last = rollout.stage >= rollout.stages.length - 1;
    const next: Partial<RolloutRecord> = last ? { state: 'completed' } : { stage: rollout.stage + 1 };
    if (
      await this.repository.move(rollout._id, 'running', {
        $set: { ...next, overridden: false, updatedAt: this.nowIso() },
        $unset: ['reason'],
      })
    ) {
      this.logger.info(
        { rolloutId: rollout._id, stage: next.stage ?? rollout.stage, state: next.state ?? 'running' },
        last ? 'firmware rollout completed' : 'firmware rollout moves to its next stage',
      );
      await this.announce({ ...rollout, ...next }, counts);
    }
  }

  private async transition(
    rolloutId: string,
    from: RolloutState[],
    to: RolloutState,
    action: string,
  ): Promise<RolloutRecord> {
    const rollout = await this.get(rolloutId);
    // From a paused enumeration, resume where it was.
    const target: RolloutState = to === 'running' && !rollout.enumerationDone ? 'enumerating' : to;
    // Resuming a halted rollout is the operator's judgement on that stage's failures: it goes on to the next.
    const override = rollout.state === 'halted' && to === 'running' ? { overridden: true } : {};
    if (
      !from.includes(rollout.state) ||
      !(await this.repository.move(rolloutId, rollout.state, {
        $set: { state: target, ...override, updatedAt: this.nowIso() },
        ...(to === 'running' ? { $unset: ['reason'] } : {}),
      }))
    )
      throw new RolloutStateError(rolloutId, rollout.state, action);
    const moved = { ...rollout, state: target };
    if (target !== 'enumerating') await this.announce(moved);
    return moved;
  }

  private async announce(rollout: RolloutRecord, known?: RolloutCounts): Promise<void> {
    const state = rollout.state;
    if (state === 'enumerating') return;
    const counts = known ?? (await this.counts(rollout));
    await this.bus.publish(
      'firmware.rollout-changed.v1',
      {
        rolloutId: rollout._id,
        packageId: rollout.packageId,
        state,
        stage: rollout.stage,
        stages: rollout.stages.length,
        counts: {
          targeted: counts.targeted - counts.skipped,
          succeeded: counts.succeeded,
          failed: counts.failed,
          pending: counts.pending,
        },
        ...(rollout.reason === undefined ? {} : { reason: rollout.reason.slice(0, 500) }),
        changedAt: this.nowIso(),
      },
      { key: rollout._id, subject: rollout._id, correlationId: rollout._id },
    );
  }

  private nowIso(): string {
    return new Date(this.clock()).toISOString();
  }
}
