import {
  booleanSchema,
  ConfigDefinitionError,
  defineConfig,
  type ConfigField,
  field,
  infrastructureFields,
  logLevelSchema,
  millisecondsSchema,
  natsUrlField,
  portSchema,
  secret,
  serviceStoreFields,
  type LoadedConfig,
} from '@dms/service-kit';
import { join } from 'node:path';
import { z } from 'zod';
import { campaignConfigFields, defaultCampaignSettings } from './campaigns';
import type { ConfigServiceSettings } from './config-service';

/** The sample operator profile shipped with the service (loaded when the store has no profile). */
export const SAMPLE_PROFILE_FILE = join(__dirname, '..', 'operator-profile.sample.json');
/** DMS_CONFIG_SAMPLE_PROFILE value that loads no sample (a file named so is `./none`). */
export const SAMPLE_PROFILE_NONE = 'none';

/**
 * The one config of config (STYLE.md 7). Without DMS_KAFKA_BROKERS, DMS_NATS_URL,
 * DMS_MONGO_URL or DMS_REDIS_URL the process uses the in-process bus and RPC, the embedded
 * SQLite store and the in-memory key-value store (embedded mode).
 */
export const configServiceConfig = defineConfig({
  ...infrastructureFields,
  ...serviceStoreFields('DMS_CONFIG', 'config'),
  natsUrl: natsUrlField,
  ...campaignConfigFields,
  port: field({ env: 'PORT', schema: portSchema, default: 8080, doc: 'HTTP port of the REST API and /healthz /readyz /metrics' }),
  logLevel: field({ env: 'LOG_LEVEL', schema: logLevelSchema, default: 'info', doc: 'Log level' }),
  adminToken: secret({ env: 'DMS_ADMIN_TOKEN', doc: 'Bearer token required by every /api/v1/config route' }),
  consumerGroup: field({
    env: 'DMS_CONFIG_GROUP',
    schema: z.string().min(1),
    default: 'config',
    doc: 'Consumer group prefix of the report and completion subscriptions (<group>.reports, <group>.jobs)',
  }),
  sampleProfileFile: field({
    env: 'DMS_CONFIG_SAMPLE_PROFILE',
    // `none`, not empty: the loader reads an empty variable as unset, which gives the default.
    schema: z
      .string()
      .min(1)
      .transform((value) => (value === SAMPLE_PROFILE_NONE ? undefined : value)),
    default: SAMPLE_PROFILE_FILE,
    expected: 'a file path, or none',
    doc: 'JSON settings profile loaded on first start when the store has no profile; none = load no sample (empty = the default file)',
  }),
  defaultProfileId: field({
    env: 'DMS_CONFIG_DEFAULT_PROFILE',
    schema: z.string().min(1),
    default: 'operator-default',
    doc: 'Profile pushed by templates that name none',
  }),
  maxAttempts: field({
    env: 'DMS_CONFIG_MAX_ATTEMPTS',
    schema: z.coerce.number().int().min(1).max(20),
    default: 3,
    doc: 'Attempts of a job the handset never ran (expired, interrupted) before config.failed with willRetry false',
  }),
  retryBaseMs: field({
    env: 'DMS_CONFIG_RETRY_BASE_MS',
    schema: millisecondsSchema,
    default: 300_000,
    doc: 'Delay before the second attempt; doubles per attempt',
  }),
  retryMaxMs: field({ env: 'DMS_CONFIG_RETRY_MAX_MS', schema: millisecondsSchema, default: 21_600_000, doc: 'Upper bound of the retry delay' }),
  retrySweepMs: field({
    env: 'DMS_CONFIG_RETRY_SWEEP_MS',
    schema: millisecondsSchema,
    default: 15_000,
    doc: 'How often due retries are looked for (they live in the store, so a restart keeps them); 0 = never',
  }),
  jobTtlMs: field({
    env: 'DMS_CONFIG_JOB_TTL_MS',
    schema: millisecondsSchema,
    default: 86_400_000,
    doc: 'expiresAt of a job: the gateway drops it (outcome expired) when the handset has not run it by then',
  }),
  notify: field({
    env: 'DMS_CONFIG_NOTIFY',
    schema: booleanSchema,
    default: true,
    doc: 'Wake the handset by SMS (Package 0) for each job instead of waiting for its next session',
  }),
  rpcTimeoutMs: field({
    env: 'DMS_CONFIG_RPC_TIMEOUT_MS',
    schema: millisecondsSchema,
    default: 2000,
    doc: 'Longest wait for diagnostics (consent) and subscriber-terminal (catalog); after it consent reads not-asked',
  }),
  confirmText: field({
    env: 'DMS_CONFIG_CONFIRM_TEXT',
    schema: z.string().min(1).max(1000),
    default: 'Your operator will set up MMS and Internet on this phone. OK?',
    doc: 'Text of the 1101 confirm alert sent when the subscriber has not decided on "change settings"',
  }),
  emailPromptText: field({
    env: 'DMS_CONFIG_EMAIL_PROMPT',
    schema: z.string().min(1).max(1000),
    default: 'Enter your e-mail address to set up e-mail on this phone',
    doc: 'Text of the 1102 text-input alert asking for the e-mail address',
  }),
  shutdownTimeoutMs: field({ env: 'DMS_SHUTDOWN_TIMEOUT_MS', schema: millisecondsSchema, default: 10_000, doc: 'Bound on the orderly shutdown' }),
});

export type ConfigServiceConfig = LoadedConfig<typeof configServiceConfig>;


function defaultOf<T>(f: ConfigField<T>): T {
  if (!f.hasDefault) throw new ConfigDefinitionError(`config field ${f.env} has no default`);
  return f.default as T;
}

/** Settings for a composition that does not read the environment (embedded mode): the documented defaults plus overrides. */
export function defaultConfigSettings(overrides: Partial<ConfigServiceSettings> & { adminToken: string }): ConfigServiceSettings {
  const c = configServiceConfig;
  return {
    ...defaultCampaignSettings,
    consumerGroup: defaultOf(c.consumerGroup),
    sampleProfileFile: defaultOf(c.sampleProfileFile),
    defaultProfileId: defaultOf(c.defaultProfileId),
    maxAttempts: defaultOf(c.maxAttempts),
    retryBaseMs: defaultOf(c.retryBaseMs),
    retryMaxMs: defaultOf(c.retryMaxMs),
    retrySweepMs: defaultOf(c.retrySweepMs),
    jobTtlMs: defaultOf(c.jobTtlMs),
    notify: defaultOf(c.notify),
    rpcTimeoutMs: defaultOf(c.rpcTimeoutMs),
    confirmText: defaultOf(c.confirmText),
    emailPromptText: defaultOf(c.emailPromptText),
    ...overrides,
  };
}
