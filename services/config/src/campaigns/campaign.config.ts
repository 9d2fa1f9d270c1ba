import { field, millisecondsSchema } from '@dms/service-kit';
import { z } from 'zod';

/**
 * The campaign part of config's configuration, spread into the service's defineConfig by
 * the config core (`...campaignConfigFields`).
 */
export const campaignConfigFields = {
  campaignGroup: field({
    env: 'DMS_CONFIG_CAMPAIGN_GROUP',
    schema: z.string().min(1),
    default: 'config-campaigns',
    doc: 'Consumer group in which campaigns read dm.command-completed.v1 (apart from automatic configuration)',
  }),
  campaignPageSize: field({
    env: 'DMS_CONFIG_CAMPAIGN_PAGE_SIZE',
    schema: z.coerce.number().int().min(1).max(1000),
    default: 200,
    doc: 'Targets read per enumeration page and per dispatch page (bounds the memory a campaign uses)',
  }),
  campaignTickMs: field({
    env: 'DMS_CONFIG_CAMPAIGN_TICK_MS',
    schema: millisecondsSchema.min(10),
    default: 1000,
    doc: 'How often an idle campaign runner looks for due retries, new campaigns and the end of a campaign',
  }),
  campaignLeaseMs: field({
    env: 'DMS_CONFIG_CAMPAIGN_LEASE_MS',
    schema: millisecondsSchema.min(1000),
    default: 30_000,
    doc: 'Lease period of a campaign: one config replica drives it per period, so its rate limit holds across replicas; another takes over within about a period when the holder stops',
  }),
  campaignConsentTimeoutMs: field({
    env: 'DMS_CONFIG_CAMPAIGN_CONSENT_TIMEOUT_MS',
    schema: millisecondsSchema.min(1),
    default: 500,
    doc: 'Longest wait for diagnostics.check-consent.v1; without an answer the device is asked (1101) first',
  }),
  campaignJobTtlMs: field({
    env: 'DMS_CONFIG_CAMPAIGN_JOB_TTL_MS',
    schema: millisecondsSchema.min(1000),
    default: 86_400_000,
    doc: 'A campaign job the handset has not fetched by then is dropped by the gateway (expired) and retried',
  }),
  campaignConfirmText: field({
    env: 'DMS_CONFIG_CAMPAIGN_CONFIRM_TEXT',
    schema: z.string().min(1).max(1000),
    default: 'Your operator would like to update the settings of your phone. Accept?',
    doc: 'Text of the 1101 confirm alert shown when the subscriber was never asked about changing settings',
  }),
};

/** The values createCampaigns needs (a LoadedConfig of the fields above, or hand-built in embedded mode). */
export interface CampaignSettings {
  campaignGroup: string;
  campaignPageSize: number;
  campaignTickMs: number;
  campaignLeaseMs: number;
  campaignConsentTimeoutMs: number;
  campaignJobTtlMs: number;
  campaignConfirmText: string;
}

export const defaultCampaignSettings: CampaignSettings = {
  campaignGroup: 'config-campaigns',
  campaignPageSize: 200,
  campaignTickMs: 1000,
  campaignLeaseMs: 30_000,
  campaignConsentTimeoutMs: 500,
  campaignJobTtlMs: 86_400_000,
  campaignConfirmText: 'Your operator would like to update the settings of your phone. Accept?',
};
