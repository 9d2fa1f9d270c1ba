import {
  booleanSchema,
  field,
  millisecondsSchema,
  portSchema,
  secret,
  type LoadedConfig,
} from '@dms/service-kit';
import { z } from 'zod';
import type { SmscOptions } from './smsc.options';

const count = (min: number) => z.coerce.number().int().min(min);
const octet = z.coerce.number().int().min(0).max(255);

/**
 * The wake-up settings, ready to spread into dmGatewayConfig (`...wakeUpConfigFields`).
 * Without DMS_SMSC_HOST the gateway keeps its not-configured wake-up (no Package 0 sent).
 */
export const wakeUpConfigFields = {
  smscHost: field({
    env: 'DMS_SMSC_HOST',
    schema: z.string().min(1),
    optional: true,
    doc: 'SMSC host for Package 0 wake-up SMS over SMPP 3.4; unset = wake-up disabled',
  }),
  smscPort: field({ env: 'DMS_SMSC_PORT', schema: portSchema, default: 2775, doc: 'SMSC SMPP port' }),
  smscSystemId: field({
    env: 'DMS_SMSC_SYSTEM_ID',
    schema: z.string().min(1).max(15),
    default: 'dms',
    doc: 'SMPP bind_transmitter system_id',
  }),
  smscPassword: secret({
    env: 'DMS_SMSC_PASSWORD',
    schema: z.string().max(8),
    optional: true,
    doc: 'SMPP bind password (at most 8 characters, SMPP 3.4 5.2.2)',
  }),
  smscSystemType: field({
    env: 'DMS_SMSC_SYSTEM_TYPE',
    schema: z.string().max(12),
    default: '',
    doc: 'SMPP system_type, if the SMSC wants one',
  }),
  smscSourceAddress: field({
    env: 'DMS_SMSC_SOURCE_ADDRESS',
    schema: z.string().min(1).max(20),
    default: 'DMS',
    doc: 'Originating address of wake-up SMS (short code or alphanumeric)',
  }),
  smscSourceTon: field({
    env: 'DMS_SMSC_SOURCE_TON',
    schema: octet,
    optional: true,
    doc: 'source_addr_ton; unset = 5 for alphanumeric, else 1',
  }),
  smscSourceNpi: field({
    env: 'DMS_SMSC_SOURCE_NPI',
    schema: octet,
    optional: true,
    doc: 'source_addr_npi; unset = 0 for alphanumeric, else 1',
  }),
  smscDestTon: field({
    env: 'DMS_SMSC_DEST_TON',
    schema: octet,
    default: 1,
    doc: 'dest_addr_ton of MSISDNs (1 = international)',
  }),
  smscDestNpi: field({
    env: 'DMS_SMSC_DEST_NPI',
    schema: octet,
    default: 1,
    doc: 'dest_addr_npi of MSISDNs (1 = E.164)',
  }),
  smscRegisteredDelivery: field({
    env: 'DMS_SMSC_REGISTERED_DELIVERY',
    schema: booleanSchema,
    default: false,
    doc: 'Ask for delivery receipts (registered_delivery 1)',
  }),
  smscRateLimit: field({
    env: 'DMS_SMSC_RATE_PER_SECOND',
    schema: z.coerce.number().positive(),
    default: 10,
    doc: 'submit_sm per second, all wake-ups together',
  }),
  smscMaxAttempts: field({
    env: 'DMS_SMSC_MAX_ATTEMPTS',
    schema: count(1),
    default: 4,
    doc: 'Tries per SMS segment on throttling, queue full, system error or a lost link',
  }),
  smscMaxWakeMs: field({
    env: 'DMS_SMSC_MAX_WAKE_MS',
    schema: millisecondsSchema,
    default: 15_000,
    doc: 'Longest a wake-up keeps retrying (job queueing waits for it)',
  }),
  smscEnquireLinkMs: field({
    env: 'DMS_SMSC_ENQUIRE_LINK_MS',
    schema: millisecondsSchema,
    default: 30_000,
    doc: 'enquire_link keep-alive period; 0 = off',
  }),
  smscResponseTimeoutMs: field({
    env: 'DMS_SMSC_RESPONSE_TIMEOUT_MS',
    schema: millisecondsSchema,
    default: 10_000,
    doc: 'Longest wait for an SMPP response before the link is dropped',
  }),
};

export type WakeUpConfig = LoadedConfig<typeof wakeUpConfigFields>;

/** SmscOptions from the loaded config, or undefined when no SMSC is configured. */
export function smscOptionsFromConfig(config: WakeUpConfig): SmscOptions | undefined {
  if (config.smscHost === undefined) return undefined;
  const sourceKind =
    config.smscSourceTon !== undefined && config.smscSourceNpi !== undefined
      ? { sourceAddressKind: { ton: config.smscSourceTon, npi: config.smscSourceNpi } }
      : {};
  return {
    host: config.smscHost,
    port: config.smscPort,
    systemId: config.smscSystemId,
    password: config.smscPassword ?? '',
    systemType: config.smscSystemType,
    sourceAddress: config.smscSourceAddress,
    ...sourceKind,
    destinationAddressKind: { ton: config.smscDestTon, npi: config.smscDestNpi },
    registeredDelivery: config.smscRegisteredDelivery,
    enquireLinkIntervalMs: config.smscEnquireLinkMs,
    responseTimeoutMs: config.smscResponseTimeoutMs,
    settingNames: { systemId: 'DMS_SMSC_SYSTEM_ID', password: 'DMS_SMSC_PASSWORD' },
  };
}
