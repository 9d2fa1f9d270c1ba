import { z } from 'zod';
import { DeviceId, Imei, OpaqueId, Timestamp } from '../identifiers';

/** ./DevInfo (OMA DM 1.2 Standardized Objects 5.3): sent by the handset in every Package 1. */
export const DevInfo = z.object({
  devId: DeviceId,
  man: z.string().min(1).max(200),
  mod: z.string().min(1).max(200),
  dmV: z.string().min(1).max(20),
  lang: z.string().max(20).optional(),
});
export type DevInfo = z.infer<typeof DevInfo>;

/** ./DevDetail (Standardized Objects 5.4): read by Get when the gateway needs it. */
export const DevDetail = z.object({
  devTyp: z.string().max(100).optional(),
  oem: z.string().max(200).optional(),
  fwV: z.string().max(200).optional(),
  swV: z.string().max(200).optional(),
  hwV: z.string().max(200).optional(),
  lrgObj: z.boolean().optional(),
  maxDepth: z.number().int().min(0).optional(),
  maxTotLen: z.number().int().min(0).optional(),
  maxSegLen: z.number().int().min(0).optional(),
});
export type DevDetail = z.infer<typeof DevDetail>;

/** The gateway learnt what a handset is and what some of its nodes hold. Keyed by device. */
export const InventoryReported = z.object({
  deviceId: DeviceId,
  sessionId: OpaqueId.optional(),
  devInfo: DevInfo,
  devDetail: DevDetail.default({}),
  /** Other node values read in the session, by URI (`./Vendor/Battery/Level` -> `73`). */
  nodes: z.record(z.string().min(1).max(1024), z.string().max(10_000)).default({}),
  /** The IMEI when the device id carries one (`IMEI:...`), so consumers need not parse it. */
  imei: Imei.optional(),
  reportedAt: Timestamp,
});
export type InventoryReported = z.infer<typeof InventoryReported>;
