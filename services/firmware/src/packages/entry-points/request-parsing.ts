import { z } from 'zod';
import { InvalidPackagesRequestError } from '../domain/packages.errors';

/** Manufacturer and model: 1-100 characters, no control characters, no `|` (it separates them in the packageId hash). */
export const CatalogName = z.string().trim().min(1).max(100).regex(/^[^|\p{Cc}]+$/u, 'no control characters or |');
/** A firmware version as DevDetail/FwV reads it: 1-100 printable ASCII characters. */
export const FirmwareVersion = z.string().trim().min(1).max(100).regex(/^[\u0020-\u007e]+$/, 'printable ASCII only');
export const KeyId = z.string().regex(/^[0-9a-f]{16}$/, '16 lowercase hex digits');
export const PackageId = z.string().regex(/^fw-[0-9a-f]{24}$/);

export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw new InvalidPackagesRequestError(`invalid ${what}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, { issues });
}
