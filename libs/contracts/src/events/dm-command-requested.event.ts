import { z } from 'zod';
import { DeviceId, Msisdn, OpaqueId, Timestamp } from '../identifiers';
import { DmCommand, UserInteraction } from './dm-command.schema';

/**
 * A service asks the gateway to run an ordered list of DM commands on one handset in its
 * next management session. Keyed by device so the jobs of one handset stay in order.
 */
export const DmCommandRequested = z.object({
  jobId: OpaqueId,
  deviceId: DeviceId,
  /** Executed in this order; a failure does not stop later commands unless they sit in one Atomic. */
  commands: z.array(DmCommand).min(1).max(500),
  /** Shown (and, for 1101-1104, answered) before the commands run; a reject cancels the job. */
  userInteraction: UserInteraction.optional(),
  priority: z.enum(['low', 'normal', 'high']).default('normal'),
  /** After this instant the gateway drops the job and reports it expired. */
  expiresAt: Timestamp.optional(),
  /** Send a Package 0 notification (SMS wake-up) instead of waiting for the handset to call in. */
  notify: z.boolean().default(false),
  /** Where the wake-up SMS goes; without it the gateway asks subscriber-terminal (IMEI device ids only). */
  msisdn: Msisdn.optional(),
  correlationId: OpaqueId,
  /** Service or console user that asked, e.g. `diagnostics`, `console:user-42`. */
  requestedBy: z.string().min(1).max(200),
  requestedAt: Timestamp,
});
export type DmCommandRequested = z.infer<typeof DmCommandRequested>;
