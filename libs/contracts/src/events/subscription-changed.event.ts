import { z } from 'zod';
import { Imsi, Msisdn, OpaqueId, Timestamp } from '../identifiers';

/** The operator's provisioning (BSS) changed a subscription. Keyed by the (new) MSISDN. */
export const SubscriptionChanged = z.object({
  msisdn: Msisdn,
  imsi: Imsi.optional(),
  change: z.enum(['activated', 'deactivated', 'msisdn-changed', 'imsi-changed', 'plan-changed']),
  previousMsisdn: Msisdn.optional(),
  previousImsi: Imsi.optional(),
  plan: z.string().max(200).optional(),
  tenantId: OpaqueId.optional(),
  changedAt: Timestamp,
});
export type SubscriptionChanged = z.infer<typeof SubscriptionChanged>;
