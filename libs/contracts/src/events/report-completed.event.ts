import { z } from 'zod';
import { DeviceId, Imei, Msisdn, OpaqueId, Timestamp } from '../identifiers';

/** The settings families config can provision (ARCHITECTURE.md "What the system does"). */
export const SettingKind = z.enum(['mms', 'internet-apn', 'wap', 'bookmarks', 'email']);
export type SettingKind = z.infer<typeof SettingKind>;

/** What a diagnosis found; config and firmware each act on the kinds they own. */
export const Finding = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('setting-missing'),
    setting: SettingKind,
    /**
     * Only these instances of the setting are missing (one bookmark of several; the others are
     * there): `template` is the instance config's template writes, `at` the free place on
     * this handset to Add it. Absent: the whole setting is missing.
     */
    instances: z.array(z.object({ template: z.string().max(1024), at: z.string().max(1024) })).max(50).optional(),
  }),
  z.object({
    kind: z.literal('setting-wrong'),
    setting: SettingKind,
    nodeUri: z.string().max(1024),
    observed: z.string().max(1000),
    expected: z.string().max(1000),
    /** The leaf is not on the handset at all (its Get answered 404; `observed` is ''): it must be Added, a Replace would fail. */
    absent: z.boolean().optional(),
  }),
  z.object({ kind: z.literal('firmware-outdated'), current: z.string().max(200), latest: z.string().max(200) }),
  z.object({ kind: z.literal('not-dm-capable'), reason: z.string().max(500) }),
  z.object({ kind: z.literal('health'), metric: z.enum(['battery', 'storage', 'memory', 'signal']), level: z.enum(['ok', 'low', 'critical']), value: z.string().max(100).optional() }),
  /** The handset answered a read with 404/405/406 (the node does not exist in its tree). */
  z.object({ kind: z.literal('node-unsupported'), nodeUri: z.string().max(1024), status: z.number().int().min(100).max(599) }),
  /** No answer: the job expired, the session broke, the wake-up failed. */
  z.object({ kind: z.literal('device-unreachable'), reason: z.string().max(500) }),
  /** A client-initiated alert (1224/1226) the handset raised, e.g. a low-battery or FUMO result. */
  z.object({ kind: z.literal('device-alert'), alertType: z.string().max(200), data: z.string().max(1000).optional(), severity: z.enum(['info', 'warning', 'critical']) }),
]);
export type Finding = z.infer<typeof Finding>;

/** diagnostics finished reading a handset. Keyed by device. */
export const ReportCompleted = z.object({
  reportId: OpaqueId,
  deviceId: DeviceId,
  msisdn: Msisdn.optional(),
  imei: Imei.optional(),
  trigger: z.enum(['combination-detected', 'device-alert', 'manual', 'scheduled']),
  /** `declined`: read-diagnostics consent revoked, or the user said no on the handset; nothing was read. */
  outcome: z.enum(['complete', 'partial', 'unreachable', 'declined']),
  findings: z.array(Finding).max(200),
  /** DevInfo/DevDetail as read (absent when unreachable). */
  device: z
    .object({
      manufacturer: z.string().max(200).optional(),
      model: z.string().max(200).optional(),
      family: z.string().max(100).optional(),
      fwV: z.string().max(200).optional(),
      swV: z.string().max(200).optional(),
      hwV: z.string().max(200).optional(),
    })
    .optional(),
  correlationId: OpaqueId.optional(),
  completedAt: Timestamp,
});
export type ReportCompleted = z.infer<typeof ReportCompleted>;
