import type { DeviceConfigState, DmCommandRequested, SettingKind } from '@dms/contracts';

export type ConfigStateName = DeviceConfigState['state'];

/** Per-device config state as stored (`config_devices`); the API shows the DeviceConfigState part. */
export interface DeviceRecord {
  readonly _id: string;
  msisdn?: string;
  state: ConfigStateName;
  profileId?: string;
  profileVersion?: number;
  /** The settings of the last job. */
  settings: SettingKind[];
  /** Settings config has written on this handset: their instances exist, so they get Replace. */
  applied: SettingKind[];
  lastJobId?: string;
  reason?: string;
  /** The diagnostic report last acted on (a redelivered report does nothing twice). */
  lastReportId?: string;
  manufacturer?: string;
  model?: string;
  tac?: string;
  updatedAt: string;
}

export type ConfigJobKind = 'settings' | 'email-ask' | 'email-push';

/**
 * One DM job config asked for (`config_jobs`, id = the job id). `scheduled` jobs wait for
 * `dueAt` (a retry with backoff), `sent` ones for dm.command-completed.v1, `done` is final.
 */
export interface ConfigJob {
  readonly _id: string;
  readonly deviceId: string;
  readonly msisdn?: string;
  readonly kind: ConfigJobKind;
  readonly attempt: number;
  /** Job id of attempt 1; later attempts are `<base>-a<n>`. */
  readonly baseId: string;
  readonly profileId: string;
  readonly profileVersion: number;
  readonly settings: SettingKind[];
  /** Of `settings`, those written only into the handset's own instances: the template's are not there, so not `applied`. */
  readonly outsideTemplate?: SettingKind[];
  readonly request: DmCommandRequested;
  readonly campaignId?: string;
  state: 'scheduled' | 'sent' | 'done';
  dueAt?: string;
  outcome?: string;
  updatedAt: string;
}

export function stateView(record: DeviceRecord): DeviceConfigState {
  return {
    deviceId: record._id,
    ...(record.msisdn === undefined ? {} : { msisdn: record.msisdn }),
    state: record.state,
    ...(record.profileId === undefined ? {} : { profileId: record.profileId }),
    ...(record.profileVersion === undefined ? {} : { profileVersion: record.profileVersion }),
    settings: record.settings,
    ...(record.lastJobId === undefined ? {} : { lastJobId: record.lastJobId }),
    ...(record.reason === undefined ? {} : { reason: record.reason }),
    updatedAt: record.updatedAt,
  };
}
