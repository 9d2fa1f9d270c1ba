import { z } from 'zod';
import { DeviceId, OpaqueId, Timestamp } from '../identifiers';
import { DmCommandVerb, DmResultItem } from './dm-command.schema';

/** The outcome of one requested command (children of Atomic/Sequence get their own entries). */
export const DmCommandResult = z.object({
  /** Position in the request: `2` or `2.0` for the first child of the third command. */
  cmdRef: z.string().regex(/^\d+(\.\d+)*$/),
  verb: DmCommandVerb,
  target: z.string().max(1024).optional(),
  /** SyncML status code the handset answered (RepPro 10: 200 OK, 404 not found, 215 not executed...). */
  status: z.number().int().min(100).max(599),
  /** Results items (Get) or Status items. */
  items: z.array(DmResultItem).max(1000).default([]),
});
export type DmCommandResult = z.infer<typeof DmCommandResult>;

/** The gateway ran (or gave up on) a requested job. Keyed by device, like the request. */
export const DmCommandCompleted = z.object({
  jobId: OpaqueId,
  deviceId: DeviceId,
  correlationId: OpaqueId,
  sessionId: OpaqueId.optional(),
  /**
   * `completed`: every command answered 2xx; `partial`: some did not; `rejected`: user said no
   * to 1101; `interrupted`: the session running the job ended before it finished (timeout,
   * instance restart); the job is not re-sent and `results` holds what was answered so far.
   */
  outcome: z.enum(['completed', 'partial', 'failed', 'rejected', 'expired', 'interrupted']),
  results: z.array(DmCommandResult).max(5000),
  /**
   * The handset's answer to the job's user-interaction alert (RepPro 6.6.1): its status
   * (200 accepted, 304 rejected/cancelled, ...) and, for text input or a choice, the items.
   */
  userResponse: z
    .object({ status: z.number().int().min(100).max(599), items: z.array(DmResultItem).max(100).default([]) })
    .optional(),
  completedAt: Timestamp,
});
export type DmCommandCompleted = z.infer<typeof DmCommandCompleted>;
