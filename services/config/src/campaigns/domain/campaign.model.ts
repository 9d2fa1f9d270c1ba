import { DeviceId, DmCommand, Msisdn, SettingKind, Timestamp } from '@dms/contracts';
import { z } from 'zod';
import { isHhMm, isTimeZone } from './schedule-window';

/** Paging keys of subscriber-terminal.query.v1 belong to the enumerator, not to the target. */
const RESERVED_CRITERIA = new Set(['limit', 'cursor']);

export const CampaignTarget = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('query'),
    /** Criteria of subscriber-terminal.query.v1: model, tac, manufacturer, firmware, tenant, attr.<name>... */
    criteria: z
      .record(z.string().min(1).max(100), z.string().max(200))
      .refine((c) => Object.keys(c).every((k) => !RESERVED_CRITERIA.has(k)), 'limit and cursor are set by the campaign'),
    /** Only handsets whose firmware is older than this (natural version order); the store query is equality only. */
    fwVBelow: z.string().min(1).max(200).optional(),
  }),
  z.object({
    kind: z.literal('list'),
    devices: z
      .array(
        z
          .object({ deviceId: DeviceId.optional(), msisdn: Msisdn.optional() })
          .refine((d) => d.deviceId !== undefined || d.msisdn !== undefined, 'give deviceId, msisdn or both'),
      )
      .min(1)
      .max(100_000),
  }),
]);
export type CampaignTarget = z.infer<typeof CampaignTarget>;

export const CampaignAction = z.discriminatedUnion('kind', [
  /** Push the operator profile through the device family's template (all settings or the ones listed). */
  z.object({ kind: z.literal('apply-profile'), settings: z.array(SettingKind).min(1).optional() }),
  z.object({ kind: z.literal('commands'), commands: z.array(DmCommand).min(1).max(500) }),
]);
export type CampaignAction = z.infer<typeof CampaignAction>;

export const CampaignSchedule = z
  .object({
    startAt: Timestamp.optional(),
    endAt: Timestamp.optional(),
    daily: z
      .object({
        from: z.string().refine(isHhMm, 'HH:MM'),
        to: z.string().refine(isHhMm, 'HH:MM'),
        timeZone: z.string().refine(isTimeZone, 'an IANA time zone such as Europe/Berlin').optional(),
      })
      .optional(),
  })
  .refine((s) => !s.startAt || !s.endAt || Date.parse(s.startAt) < Date.parse(s.endAt), 'startAt must be before endAt');

export const CreateCampaign = z.object({
  name: z.string().min(1).max(200),
  target: CampaignTarget,
  action: CampaignAction,
  rateLimit: z.object({
    perSecond: z.number().positive().max(1_000_000),
    burst: z.number().int().min(1).max(1_000_000).optional(),
  }),
  schedule: CampaignSchedule.optional(),
  retry: z
    .object({
      maxAttempts: z.number().int().min(1).max(10).default(3),
      backoffMs: z.number().int().min(0).max(86_400_000).default(60_000),
      backoffMaxMs: z.number().int().min(0).max(7 * 86_400_000).default(3_600_000),
    })
    .default({ maxAttempts: 3, backoffMs: 60_000, backoffMaxMs: 3_600_000 }),
  /** Shown with 1101 to subscribers never asked about changing settings; the service default otherwise. */
  confirmText: z.string().min(1).max(1000).optional(),
});
export type CreateCampaign = z.infer<typeof CreateCampaign>;

export const CAMPAIGN_STATES = ['draft', 'running', 'paused', 'completed', 'cancelled'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];

export const DEVICE_STATES = ['pending', 'sent', 'applied', 'failed', 'skipped', 'cancelled'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];
export type FinalDeviceState = Extract<DeviceState, 'applied' | 'failed' | 'skipped' | 'cancelled'>;

/** The stored campaign (collection config_campaigns). Explicit device lists live in config_campaign_lists. */
export interface CampaignRecord extends Omit<CreateCampaign, 'target'> {
  _id: string;
  target: Exclude<CampaignTarget, { kind: 'list' }> | { kind: 'list'; size: number };
  state: CampaignState;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Why remaining devices were cancelled: an operator's cancel or the end of the schedule. */
  stopReason?: 'cancelled' | 'window-ended';
  /** Enumeration: `cursor` is the query cursor (or next list chunk); `frontier` the last target key written. */
  enumeration: { cursor: string | null; done: boolean; frontier: string | null; enumerated: number };
  /** Dispatch: the last target key whose first attempt was handled; `drained` once nothing is left to cancel. */
  dispatch: { cursor: string | null; drained: boolean };
}
