import { z } from 'zod';
import { IdentifierPatterns, Imei, Imeisv, Imsi, luhnValid, Msisdn, Timestamp } from '../identifiers';

const SOURCE_MAX_LENGTH = 200;
// Module constants: an imported binding is read through a getter on every use once compiled to CommonJS.
const { msisdn: MSISDN, imsi: IMSI, imei: IMEI, imeisv: IMEISV, timestamp: TIMESTAMP } = IdentifierPatterns;
const luhn = luhnValid;

/** An HLR/HSS trigger: this subscriber was seen on the network with this handset. */
export const HlrImeiObservation = z.object({
  msisdn: Msisdn,
  imsi: Imsi,
  imei: Imei,
  imeisv: Imeisv.optional(),
  observedAt: Timestamp,
  /** Which network element or feed reported it, e.g. `hlr-fe-01`, `mirror-import`. */
  source: z.string().min(1).max(SOURCE_MAX_LENGTH),
});
export type HlrImeiObservation = z.infer<typeof HlrImeiObservation>;

/**
 * The payload when `raw` certainly passes HlrImeiObservation, else undefined: the codec then
 * asks the schema, which decides and gives the reasons. This is the busiest topic (every HLR
 * trigger), and zod's parse was a third of what hlr-detector allocated per record; this check
 * tests the schema's own patterns in place and allocates only the result. It must never
 * accept what the schema rejects nor return other data than the schema would:
 * hlr-imei-observation.event.test.ts holds it to the schema on generated records.
 */
export function acceptHlrImeiObservation(raw: unknown): HlrImeiObservation | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const record = raw as Record<string, unknown>;
  const { msisdn, imsi, imei, imeisv, observedAt, source } = record;
  if (typeof msisdn !== 'string' || !MSISDN.test(msisdn)) return undefined;
  if (typeof imsi !== 'string' || !IMSI.test(imsi)) return undefined;
  if (typeof imei !== 'string' || !IMEI.test(imei) || (imei.length === 15 && !luhn(imei))) return undefined;
  if (typeof observedAt !== 'string' || !TIMESTAMP.test(observedAt)) return undefined;
  if (typeof source !== 'string' || source.length < 1 || source.length > SOURCE_MAX_LENGTH) return undefined;
  let fields = 5;
  if (imeisv !== undefined) {
    if (typeof imeisv !== 'string' || !IMEISV.test(imeisv)) return undefined;
    fields = 6;
  } else if ('imeisv' in record) return undefined; // an explicit `imeisv: undefined` (not from JSON) is left to the schema
  // The schema's output has exactly these fields: a record with no others is that output already.
  let keys = 0;
  for (const key in record) if (Object.hasOwn(record, key)) keys++;
  if (keys === fields && Object.getPrototypeOf(record) === Object.prototype)
    return record as HlrImeiObservation;
  return fields === 5
    ? { msisdn, imsi, imei, observedAt, source }
    : { msisdn, imsi, imei, imeisv: imeisv as string, observedAt, source };
}
