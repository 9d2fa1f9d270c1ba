import { z } from 'zod';
import { DeviceId, OpaqueId, Timestamp } from '../identifiers';

/**
 * Device-originated alert codes forwarded to services (OMA DM 1.2 RepPro 8.7):
 * 1224 client event, 1225 no end of data, 1226 generic alert (FUMO/SCOMO results).
 */
export const DeviceAlertCode = { CLIENT_EVENT: 1224, NO_END_OF_DATA: 1225, GENERIC_ALERT: 1226 } as const;

/** A handset sent an alert; for 1226 `type` names the management object (e.g. FUMO download result). */
export const AlertRaised = z.object({
  deviceId: DeviceId,
  sessionId: OpaqueId.optional(),
  code: z.union([z.literal(1224), z.literal(1225), z.literal(1226)]),
  /** Meta/Type, e.g. `org.openmobilealliance.dm.firmwareupdate.devicerequest`. */
  type: z.string().max(200).optional(),
  format: z.string().max(20).optional(),
  /** Source LocURI: the node the alert is about. */
  source: z.string().max(1024).optional(),
  data: z.string().max(100_000).optional(),
  /** Meta/Mark severity of a generic alert. */
  mark: z.enum(['fatal', 'critical', 'minor', 'warning', 'informational', 'harmless', 'indeterminate']).optional(),
  /** Correlator of the Exec that started the operation this alert reports on. */
  correlator: z.string().max(200).optional(),
  raisedAt: Timestamp,
});
export type AlertRaised = z.infer<typeof AlertRaised>;
