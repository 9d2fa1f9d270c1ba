import { Msisdn } from '@dms/contracts';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './password.hasher';
import { ROLES } from './roles';

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._@-]{1,63}$/, 'user name: 2 to 64 letters, digits, . _ @ -');

export const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `password: at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256);

/** A new console user; a corporate admin needs its tenant, an end user their MSISDN. */
export const NewUser = z
  .object({
    username: Username,
    password: Password,
    role: z.enum(ROLES),
    tenantId: z.string().trim().min(1).max(128).optional(),
    msisdn: Msisdn.optional(),
  })
  .refine((u) => u.role !== 'corporate-admin' || u.tenantId !== undefined, {
    message: 'a corporate-admin needs a tenantId',
    path: ['tenantId'],
  })
  .refine((u) => u.role !== 'end-user' || u.msisdn !== undefined, {
    message: 'an end-user needs the msisdn of their line',
    path: ['msisdn'],
  });
export type NewUser = z.infer<typeof NewUser>;

export const SignIn = z.object({ username: Username, password: z.string().min(1).max(256) });
