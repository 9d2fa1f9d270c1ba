import { z } from 'zod';
import { DeviceId, Msisdn, OpaqueId, Timestamp } from '../identifiers';

/** Pushing a settings profile failed; `willRetry` tells the console whether config tries again. Keyed by device. */
export const ConfigFailed = z.object({
  deviceId: DeviceId,
  msisdn: Msisdn.optional(),
  profileId: OpaqueId,
  profileVersion: z.number().int().min(1),
  jobId: OpaqueId,
  campaignId: OpaqueId.optional(),
  /** `consent-revoked`: the subscriber revoked "change settings", so nothing was sent. */
  reason: z.enum(['device-rejected', 'user-rejected', 'unreachable', 'expired', 'not-supported', 'consent-revoked']),
  /** The SyncML status of the first failing command, when the handset answered. */
  status: z.number().int().min(100).max(599).optional(),
  detail: z.string().max(1000).optional(),
  attempts: z.number().int().min(1),
  willRetry: z.boolean(),
  failedAt: Timestamp,
});
export type ConfigFailed = z.infer<typeof ConfigFailed>;
