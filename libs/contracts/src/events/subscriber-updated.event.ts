import { z } from 'zod';
import { Imei, Imsi, Msisdn, Timestamp } from '../identifiers';

/** subscriber-terminal changed what it knows about a subscriber and their handset. Keyed by MSISDN. */
export const SubscriberUpdated = z.object({
  msisdn: Msisdn,
  imsi: Imsi.optional(),
  imei: Imei.optional(),
  /**
   * What changed. `subscriber-removed`: the clean-up deleted the subscriber (not seen for the
   * retention period); the event carries its last known handset and is the last one for it.
   */
  change: z.enum([
    'terminal-attached',
    'terminal-detached',
    'terminal-identified',
    'attributes-changed',
    'subscriber-removed',
  ]),
  /** Resolved from the TAC catalog or from a DM inventory; absent when not known yet. */
  terminal: z
    .object({
      tac: z.string().regex(/^\d{8}$/),
      manufacturer: z.string().max(200).optional(),
      model: z.string().max(200).optional(),
      fwV: z.string().max(200).optional(),
      dmCapable: z.boolean().optional(),
    })
    .optional(),
  /** Extensible attributes set by operators (`segment`, `tariff`), all strings. */
  attributes: z.record(z.string().min(1).max(100), z.string().max(1000)).default({}),
  /**
   * The subscriber's corporate tenant, on every announcement while it has one: an event
   * without it means no tenant (a tenant change or removal is announced as attributes-changed).
   * Added in v1 as an optional field: older readers ignore it.
   */
  tenantId: z.string().min(1).max(200).optional(),
  updatedAt: Timestamp,
});
export type SubscriberUpdated = z.infer<typeof SubscriberUpdated>;
