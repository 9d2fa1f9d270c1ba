import { createHash } from 'node:crypto';

export type RolloutState = 'enumerating' | 'running' | 'paused' | 'halted' | 'completed' | 'cancelled';

/** One handset named in a rollout's list (or found by its query). */
export interface RolloutDevice {
  deviceId: string;
  msisdn?: string;
  /** Firmware it runs (DevDetail/FwV), when known. */
  fwV?: string;
}

export type RolloutTarget =
  | { kind: 'list'; devices: RolloutDevice[] }
  /** subscriber-terminal.query.v1 criteria (manufacturer, model, tac, fwV, attr.<name>...). */
  | { kind: 'query'; criteria: Record<string, string> };

/**
 * A staged rollout (`firmware_rollouts`): one package to a group of handsets, stage by
 * stage. `stages` are cumulative percentages of the group ([1, 10, 50, 100]); a handset
 * belongs to the first stage whose percentage is above its `order` (a number in [0, 1)
 * from a hash of rollout and device, so stages are a stable, even spread of the group).
 * A stage ends when every update in it has ended; the rollout then halts when the stage's
 * failure rate (failed / (succeeded + failed)) is above `maxFailureRate`, else it moves on.
 * Resuming a halted rollout accepts that stage and goes on to the next.
 */
export interface RolloutRecord {
  readonly _id: string;
  name: string;
  packageId: string;
  toVersion: string;
  manufacturer: string;
  model: string;
  fromVersions: string[];
  target: RolloutTarget;
  stages: number[];
  maxFailureRate: number;
  /** Updates started per tick at most (a rate limit on the gateway and the download server). */
  perTick: number;
  state: RolloutState;
  stage: number;
  /** Enumeration of the group: the query cursor, or the next index in the list. */
  cursor: string | null;
  enumerated: number;
  /** The whole group is in the target records. */
  enumerationDone: boolean;
  reason?: string;
  /** Resumed after a halt: the current stage's failures were accepted by the operator. */
  overridden?: boolean;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** One handset of a rollout (`firmware_rollout_targets`, `_id` = `<rollout>:<device>`). */
export interface TargetRecord {
  readonly _id: string;
  rolloutId: string;
  deviceId: string;
  msisdn?: string;
  fwV?: string;
  order: number;
  state: 'waiting' | 'started' | 'skipped';
  skip?: 'already-current' | 'not-applicable' | 'other-model';
  updateId?: string;
}

export function orderOf(rolloutId: string, deviceId: string): number {
  return createHash('sha256').update(`${rolloutId}|${deviceId}`).digest().readUInt32BE(0) / 2 ** 32;
}

export const targetIdOf = (rolloutId: string, deviceId: string): string => `${rolloutId}:${deviceId}`;

export interface RolloutCounts {
  targeted: number;
  skipped: number;
  started: number;
  succeeded: number;
  failed: number;
  declined: number;
  unreachable: number;
  pending: number;
}
