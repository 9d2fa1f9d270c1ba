import { z } from 'zod';
import { Imei, Imeisv, Imsi, Msisdn, Timestamp } from '../identifiers';

/** "New IMEI-MSISDN combination": a subscriber is now using a handset it was not using before. */
export const CombinationDetected = z.object({
  /** `new-combination` when the IMEI changed (or the subscriber is new); `imeisv-changed` when only the software version did. */
  kind: z.enum(['new-combination', 'imeisv-changed']),
  msisdn: Msisdn,
  imsi: Imsi,
  imei: Imei,
  imeisv: Imeisv.optional(),
  tac: z.string().regex(/^\d{8}$/),
  previousImei: Imei.optional(),
  previousImeisv: Imeisv.optional(),
  newSubscriber: z.boolean(),
  /** The IMEI had never been seen with any subscriber before. */
  newTerminal: z.boolean(),
  observedAt: Timestamp,
  detectedAt: Timestamp,
  source: z.string().min(1).max(200),
});
export type CombinationDetected = z.infer<typeof CombinationDetected>;
