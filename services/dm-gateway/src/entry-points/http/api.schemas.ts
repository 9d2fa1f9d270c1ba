import { DeviceId, DmCommand, Msisdn, UserInteraction } from '@dms/contracts';
import { z } from 'zod';

/** POST /api/v1/dm-accounts. The password is hashed at once (B64(MD5(username:password))) and never stored. */
export const CreateDmAccountBody = z.object({
  deviceId: DeviceId,
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(200),
  authType: z.enum(['basic', 'md5', 'hmac']),
  serverId: z.string().min(1).max(200),
  serverPassword: z.string().min(1).max(200),
});

/** POST /api/v1/devices/{deviceId}/jobs. */
export const CreateJobBody = z.object({
  commands: z.array(DmCommand).min(1).max(500),
  userInteraction: UserInteraction.optional(),
  priority: z.enum(['low', 'normal', 'high']).default('normal'),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
  notify: z.boolean().default(false),
  /** MSISDN of the wake-up SMS; unset = looked up in subscriber-terminal. */
  msisdn: Msisdn.optional(),
  correlationId: z.string().min(1).max(128).optional(),
});
