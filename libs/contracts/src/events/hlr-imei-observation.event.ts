import { z } from 'zod';
import { Imei, Imeisv, Imsi, Msisdn, Timestamp } from '../identifiers';

/** An HLR/HSS trigger: this subscriber was seen on the network with this handset. */
export const HlrImeiObservation = z.object({
  msisdn: Msisdn,
  imsi: Imsi,
  imei: Imei,
  imeisv: Imeisv.optional(),
  observedAt: Timestamp,
  /** Which network element or feed reported it, e.g. `hlr-fe-01`, `mirror-import`. */
  source: z.string().min(1).max(200),
});
export type HlrImeiObservation = z.infer<typeof HlrImeiObservation>;
