import { z } from 'zod';
import { DeviceId, OpaqueId, Timestamp } from '../identifiers';

/** A DM management session ended, however it ended. Keyed by device. */
export const SessionCompleted = z.object({
  sessionId: OpaqueId,
  deviceId: DeviceId,
  /** 1200 server-initiated (after Package 0), 1201 client-initiated (OMA DM 1.2 RepPro 8.7). */
  initiator: z.enum(['server', 'client']),
  outcome: z.enum(['completed', 'aborted', 'auth-failed', 'timeout', 'error']),
  encoding: z.enum(['xml', 'wbxml']),
  authScheme: z.enum(['basic', 'md5-digest', 'hmac-md5', 'none']),
  messages: z.number().int().min(0),
  commandsExecuted: z.number().int().min(0),
  jobIds: z.array(OpaqueId).default([]),
  startedAt: Timestamp,
  endedAt: Timestamp,
});
export type SessionCompleted = z.infer<typeof SessionCompleted>;
