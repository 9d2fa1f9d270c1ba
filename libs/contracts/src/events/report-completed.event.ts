import { z } from 'zod';
import { DeviceId, Imei, Msisdn, OpaqueId, Timestamp } from '../identifiers';

/** The settings families config can provision (ARCHITECTURE.md "What the system does"). */
export const SettingKind = z.enum(['mms', 'internet-apn', 'wap', 'bookmarks', 'email']);
export type SettingKind = z.infer<typeof SettingKind>;

/** What a diagnosis found; config and firmware each act on the kinds they own. */
export const Finding = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('setting-missing'), setting: SettingKind }),
  z.object({ kind: z.literal('setting-wrong'), setting: SettingKind, nodeUri: z.string().max(1024), observed: z.string().max(1000), expected: z.string().max(1000) }),
  z.object({ kind: z.literal('firmware-outdated'), current: z.string().max(200), latest: z.string().max(200) }),
  z.object({ kind: z.literal('not-dm-capable'), reason: z.string().max(500) }),
  z.object({ kind: z.literal('health'), metric: z.enum(['battery', 'storage', 'memory', 'signal']), level: z.enum(['ok', 'low', 'critical']), value: z.string().max(100).optional() }),
]);
export type Finding = z.infer<typeof Finding>;

/** diagnostics finished reading a handset. Keyed by device. */
export const ReportCompleted = z.object({
  reportId: OpaqueId,
  deviceId: DeviceId,
  msisdn: Msisdn.optional(),
  imei: Imei.optional(),
  trigger: z.enum(['combination-detected', 'device-alert', 'manual', 'scheduled']),
  outcome: z.enum(['complete', 'partial', 'unreachable']),
  findings: z.array(Finding).max(200),
  correlationId: OpaqueId.optional(),
  completedAt: Timestamp,
});
export type ReportCompleted = z.infer<typeof ReportCompleted>;
