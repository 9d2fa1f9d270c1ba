import type { SettingKind } from '@dms/contracts';
import type { AttemptDecision } from '../domain/job-outcome.policy';
import type { FinalDeviceState } from '../domain/campaign.model';

/**
 * The per-device ledger of a campaign. Every transition is a document inserted once under
 * an id that names it, never an update: an insert with a taken id answers false, which
 * makes it the claim (atomic on MongoDB and FerretDB alike, without transactions) and makes
 * every handler idempotent. It also keeps FerretDB fast: its updates rewrite by a table
 * scan (about 40 ms each at 10,000 documents), its inserts do not.
 *
 * A device's state: a result -> that state; else a retry waiting -> pending; else a job
 * without an attempt outcome -> sent; else pending.
 */

/** One per device and campaign, written by enumeration: `_id` = `<campaign>|<key>`. */
export interface TargetRecord {
  _id: string;
  campaignId: string;
  /** MSISDN for query targets (the query's order), `L<index>` for explicit lists. */
  key: string;
  deviceId?: string;
  msisdn?: string;
  manufacturer?: string;
  model?: string;
  tac?: string;
  /** Known at enumeration not to be reachable (a subscriber without a handset). */
  skip?: 'no-terminal';
}

/** The claim of one attempt: `_id` = `<campaign>|<key>|<attempt>`. */
export interface JobRecord {
  _id: string;
  campaignId: string;
  key: string;
  attempt: number;
  jobId: string;
  deviceId: string;
  msisdn?: string;
  /** The job carried the 1101 confirm alert (consent not-asked). */
  confirm: boolean;
  profileId?: string;
  profileVersion?: number;
  settings?: SettingKind[];
  requestedAt: string;
  expiresAt: string;
}

/** The gateway's answer to one attempt, same `_id` as its job. */
export interface AttemptRecord {
  _id: string;
  campaignId: string;
  key: string;
  attempt: number;
  outcome: string;
  decision: AttemptDecision;
  at: string;
}

/** The final state of a device: `_id` = `<campaign>|<key>`, so a device ends once. */
export interface ResultRecord {
  _id: string;
  campaignId: string;
  key: string;
  deviceId?: string;
  msisdn?: string;
  state: FinalDeviceState;
  reason?: string;
  status?: number;
  attempts: number;
  jobId?: string;
  at: string;
}

/** A further attempt waiting for its time: `_id` = `<campaign>|<key>|<attempt>`; deleted once claimed. */
export interface RetryRecord {
  _id: string;
  campaignId: string;
  key: string;
  attempt: number;
  dueAt: string;
}

export const targetId = (campaignId: string, key: string): string => `${campaignId}|${key}`;
export const attemptId = (campaignId: string, key: string, attempt: number): string =>
  `${campaignId}|${key}|${attempt}`;

/** Job ids name campaign, target and attempt, so a completion finds its ledger entry by id. */
export const jobIdOf = (campaignId: string, key: string, attempt: number): string =>
  `${campaignId}.${key}.${attempt}`;

const JOB_ID = /^(cmp-[0-9a-z]+)\.([0-9A-Za-z]+)\.(\d+)$/;

export function parseJobId(jobId: string): { campaignId: string; key: string; attempt: number } | undefined {
  const m = JOB_ID.exec(jobId);
  return m ? { campaignId: m[1]!, key: m[2]!, attempt: Number(m[3]) } : undefined;
}
