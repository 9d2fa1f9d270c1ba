import type { FirmwareUpdateCompleted } from '@dms/contracts';

export type UpdateOutcome = FirmwareUpdateCompleted['outcome'];

/**
 * One firmware update of one handset (`firmware_updates`, `_id` = updateId):
 * `sent` (job with the gateway) -> `accepted` (the handset answered the Exec 202; the
 * result follows in a Generic Alert 1226) -> an outcome. A job that never ran is sent again
 * (`attempt` + 1) until maxAttempts, then `unreachable`.
 */
export interface UpdateRecord {
  readonly _id: string;
  deviceId: string;
  msisdn?: string;
  packageId: string;
  toVersion: string;
  fromVersion?: string;
  rolloutId?: string;
  /** The rollout stage that started it (failure rates are judged per stage). */
  stage?: number;
  state: 'sent' | 'accepted' | 'ended';
  outcome?: UpdateOutcome;
  /** The job in flight (`<updateId>.a<attempt>`); answers of any other job are not ours. */
  jobId: string;
  attempt: number;
  /** When `accepted` gives up waiting for the result alert. */
  resultDueAt?: string;
  resultCode?: number;
  detail?: string;
  /** The 1101 confirmation the job carried (update-firmware consent never decided). */
  asked: boolean;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
}

export const jobIdOf = (updateId: string, attempt: number): string => `${updateId}.a${attempt}`;

/** The API view. */
export function updateView(r: UpdateRecord) {
  return {
    updateId: r._id,
    deviceId: r.deviceId,
    ...(r.msisdn === undefined ? {} : { msisdn: r.msisdn }),
    packageId: r.packageId,
    toVersion: r.toVersion,
    ...(r.fromVersion === undefined ? {} : { fromVersion: r.fromVersion }),
    ...(r.rolloutId === undefined ? {} : { rolloutId: r.rolloutId }),
    state: r.state,
    ...(r.outcome === undefined ? {} : { outcome: r.outcome }),
    ...(r.resultCode === undefined ? {} : { resultCode: r.resultCode }),
    ...(r.detail === undefined ? {} : { detail: r.detail }),
    attempt: r.attempt,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...(r.completedAt === undefined ? {} : { completedAt: r.completedAt }),
  };
}
