import { ConsentCategory, DeviceId, Msisdn, Timestamp } from '@dms/contracts';
import { z } from 'zod';
import { InvalidDiagnosticsRequestError } from '../../domain/diagnostics.errors';

export const ConsentBody = z.strictObject({
  decision: z.enum(['grant', 'revoke']),
  until: Timestamp.optional(),
  /** Who decided, for the audit: e.g. `subscriber` (self-care), `console:agent-7`; default `api`. */
  decidedBy: z.string().min(1).max(200).optional(),
});

export const RunBody = z
  .strictObject({ msisdn: Msisdn.optional(), deviceId: DeviceId.optional(), requestedBy: z.string().min(1).max(200).optional() })
  .refine((b) => b.msisdn !== undefined || b.deviceId !== undefined, { message: 'give msisdn or deviceId' });

export const ReportsQuery = z
  .strictObject({
    msisdn: Msisdn.optional(),
    deviceId: DeviceId.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(20),
  })
  .refine((q) => q.msisdn !== undefined || q.deviceId !== undefined, { message: 'give msisdn or deviceId' });

export const MsisdnParam = Msisdn;
export const CategoryParam = ConsentCategory;

/** Parses or answers 400 problem+json naming each field that is wrong. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidDiagnosticsRequestError(`invalid ${what}`, {
    issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}
