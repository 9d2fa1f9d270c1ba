import { z } from 'zod';
import { DeviceId, Msisdn, OpaqueId, Timestamp } from '../identifiers';
import { SettingKind } from './report-completed.event';

/** A settings profile is now on the handset (every command answered 2xx). Keyed by device. */
export const ConfigApplied = z.object({
  deviceId: DeviceId,
  msisdn: Msisdn.optional(),
  profileId: OpaqueId,
  profileVersion: z.number().int().min(1),
  settings: z.array(SettingKind).min(1),
  jobId: OpaqueId,
  campaignId: OpaqueId.optional(),
  appliedAt: Timestamp,
});
export type ConfigApplied = z.infer<typeof ConfigApplied>;
