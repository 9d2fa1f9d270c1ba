import { z } from 'zod';
import { DeviceId, Msisdn, OpaqueId, Timestamp } from '../identifiers';

/**
 * How one firmware update of one handset ended (FUMO DownloadAndUpdate and its Generic
 * Alert 1226 result). `resultCode` is the FUMO result code the handset reported (200
 * success; 4xx/5xx failures, management-objects.md 4) or the SyncML status that stopped
 * the job before that. Keyed by device.
 */
export const FirmwareUpdateCompleted = z.object({
  updateId: OpaqueId,
  deviceId: DeviceId,
  msisdn: Msisdn.optional(),
  packageId: OpaqueId,
  rolloutId: OpaqueId.optional(),
  fromVersion: z.string().max(200).optional(),
  toVersion: z.string().max(200),
  /**
   * `declined`: the user said no on the handset; `consent-revoked`: update-firmware revoked,
   * nothing sent; `unreachable`: the job expired or the session broke off every attempt.
   */
  outcome: z.enum(['succeeded', 'failed', 'declined', 'consent-revoked', 'unreachable']),
  resultCode: z.number().int().min(100).max(999).optional(),
  detail: z.string().max(1000).optional(),
  attempts: z.number().int().min(0),
  completedAt: Timestamp,
});
export type FirmwareUpdateCompleted = z.infer<typeof FirmwareUpdateCompleted>;

/** A staged rollout started, moved to its next stage, was paused, halted (failure rate over the threshold), completed or cancelled. Keyed by rollout. */
export const FirmwareRolloutChanged = z.object({
  rolloutId: OpaqueId,
  packageId: OpaqueId,
  state: z.enum(['running', 'paused', 'halted', 'completed', 'cancelled']),
  /** Index of the stage now running (0 = the first). */
  stage: z.number().int().min(0),
  stages: z.number().int().min(1),
  counts: z.object({
    targeted: z.number().int().min(0),
    succeeded: z.number().int().min(0),
    failed: z.number().int().min(0),
    pending: z.number().int().min(0),
  }),
  reason: z.string().max(500).optional(),
  changedAt: Timestamp,
});
export type FirmwareRolloutChanged = z.infer<typeof FirmwareRolloutChanged>;
