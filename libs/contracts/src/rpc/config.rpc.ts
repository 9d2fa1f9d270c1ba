import { z } from 'zod';
import { SettingKind } from '../events/report-completed.event';
import { DeviceId, Msisdn, OpaqueId, Timestamp } from '../identifiers';

/** What a handset of one family should hold, as config's profiles and templates say. */
export const ExpectedSettings = z.object({
  family: z.string().max(100),
  templateId: OpaqueId,
  profileId: OpaqueId,
  profileVersion: z.number().int().min(1),
  /** Node URIs diagnostics reads (Get) to compare. */
  reads: z.array(z.string().max(1024)).max(200),
  /** Root of the installed-software inventory (SCOMO) in this family's tree, when it has one. */
  softwareInventory: z.string().max(1024).optional(),
  /** Per setting, the leaf nodes and values a correct handset holds; personal values (e-mail) are absent. */
  expected: z.array(
    z.object({ setting: SettingKind, nodeUri: z.string().max(1024), value: z.string().max(1000) }),
  ),
  /**
   * The dynamic instances (ConnMO style) the template Adds, so that a diagnosis can find the
   * handset's own instance of each (a factory-configured `./ConnMO/NAP/Internet`) instead of
   * reading only the one config would have written. `expected` names leaves under `uri`;
   * an instance's leaves live at the same relative paths under the handset's own instance.
   * A leaf whose expected value is another listed `uri` is a reference: it must point at
   * the handset's instance matched for that one. Absent: compare at `expected` URIs only.
   */
  instances: z
    .array(
      z.object({
        setting: SettingKind,
        /** The instance config writes (`./ConnMO/NAP/DmsInternet`); its parent is the collection. */
        uri: z.string().max(1024),
        /** Relative path of the leaf that identifies the handset's instance of it (`Addr`: the APN). */
        match: z.string().max(200),
        /**
         * The name is config's own (`Dms*`): whatever the handset holds there, config wrote it, so it is
         * compared and repaired in place. Otherwise (a numbered vendor slot) a differing instance at that
         * name is the user's or the factory's and is left alone.
         */
        owned: z.boolean().optional(),
        /** Found through a reference leaf of another listed instance (`NapRef` of the MMS instance) instead. */
        via: z.object({ uri: z.string().max(1024), leaf: z.string().max(200) }).optional(),
      }),
    )
    .max(100)
    .optional(),
});
export type ExpectedSettings = z.infer<typeof ExpectedSettings>;

export const DeviceConfigState = z.object({
  deviceId: DeviceId,
  msisdn: Msisdn.optional(),
  state: z.enum(['pending', 'awaiting-user', 'applied', 'failed', 'skipped']),
  profileId: OpaqueId.optional(),
  profileVersion: z.number().int().min(1).optional(),
  settings: z.array(SettingKind),
  lastJobId: OpaqueId.optional(),
  reason: z.string().max(200).optional(),
  updatedAt: Timestamp,
});
export type DeviceConfigState = z.infer<typeof DeviceConfigState>;

/** A bulk campaign as the console sees it over RPC (REST /api/v1/campaigns has the full view). */
export const CampaignSummary = z.object({
  id: OpaqueId,
  name: z.string().max(200),
  state: z.enum(['draft', 'running', 'paused', 'completed', 'cancelled']),
  /** Devices per state: total, pending, sent, applied, failed, skipped, cancelled. */
  counts: z.record(z.string(), z.number().int().min(0)).optional(),
  eta: Timestamp.nullable().optional(),
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

/** RPC subjects of config, spread into `rpcCatalog`. */
export const configRpc = {
  'config.expected-settings.v1': {
    request: z.object({
      manufacturer: z.string().max(200).optional(),
      model: z.string().max(200).optional(),
      tac: z.string().regex(/^\d{8}$/).optional(),
    }),
    response: z.object({ expected: ExpectedSettings.nullable() }),
    doc: 'The template (device family) and profile values for a handset model; null when no template matches.',
  },
  'config.resend.v1': {
    request: z.object({
      deviceId: DeviceId,
      msisdn: Msisdn.optional(),
      settings: z.array(SettingKind).min(1).optional(),
      requestedBy: z.string().min(1).max(200),
    }),
    response: z.object({ jobId: OpaqueId }),
    doc: 'Push the operator profile (all settings, or the ones listed) to a handset again.',
  },
  'config.device-state.v1': {
    request: z.object({ deviceId: DeviceId }),
    response: z.object({ state: DeviceConfigState.nullable() }),
    doc: 'What config last did on a handset.',
  },
  'config.campaign-get.v1': {
    request: z.object({ id: OpaqueId }),
    response: z.object({ campaign: CampaignSummary.nullable() }),
    doc: 'A bulk campaign with its device counts per state and ETA; null if unknown.',
  },
  'config.campaign-control.v1': {
    request: z.object({
      id: OpaqueId,
      action: z.enum(['start', 'pause', 'resume', 'cancel']),
      requestedBy: z.string().min(1).max(200),
    }),
    response: z.object({ campaign: CampaignSummary }),
    doc: 'Start, pause, resume or cancel a bulk campaign; a step its state does not allow fails with CAMPAIGN_STATE_CONFLICT.',
  },
} as const;
