import type { Logger } from '@dms/service-kit';
import type { BackoffOptions } from './retry.policy';

/** SMPP 3.4 5.2.5/5.2.6 type of number and numbering plan of an address. */
export interface SmppAddressKind {
  readonly ton: number;
  readonly npi: number;
}

/** How to reach and bind the SMSC (SMPP 3.4 4.1.1 bind_transmitter). */
export interface SmscOptions {
  readonly host: string;
  readonly port: number;
  readonly systemId: string;
  /** Never logged; a refused bind names `settingNames.password`, not the value. */
  readonly password: string;
  readonly systemType?: string;
  /** Originating address of the wake-up SMS (a short code or an alphanumeric sender). */
  readonly sourceAddress: string;
  /** Default TON 5 (alphanumeric) when sourceAddress has a letter, else TON 1 (international); NPI 1 (E.164) or 0. */
  readonly sourceAddressKind?: SmppAddressKind;
  /** Default TON 1 international, NPI 1 E.164: MSISDNs in international form without '+'. */
  readonly destinationAddressKind?: SmppAddressKind;
  /** Ask the SMSC for a delivery receipt (registered_delivery 0x01). Default false: a transmitter bind cannot receive it. */
  readonly registeredDelivery?: boolean;
  /** Keep-alive period; 0 disables. Default 30 s. */
  readonly enquireLinkIntervalMs?: number;
  /** How long a bind/submit/enquire_link response may take. Default 10 s. */
  readonly responseTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** Backoff between reconnect attempts after a lost link. Default 1 s doubling to 60 s. */
  readonly reconnect?: BackoffOptions;
  /** Config names shown in a bind refusal, e.g. DMS_SMSC_PASSWORD. */
  readonly settingNames?: { readonly systemId: string; readonly password: string };
}

export type WakeUpLogger = Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>;

export const smscDefaults = {
  enquireLinkIntervalMs: 30_000,
  responseTimeoutMs: 10_000,
  connectTimeoutMs: 10_000,
  reconnect: { baseMs: 1_000, maxMs: 60_000 },
  settingNames: { systemId: 'smsc.systemId', password: 'smsc.password' },
} as const;

/** SMPP 3.4 5.2.5: 1 international, 5 alphanumeric; 5.2.6: 1 ISDN (E.164), 0 unknown. */
export function defaultSourceKind(address: string): SmppAddressKind {
  return /[A-Za-z]/.test(address) ? { ton: 5, npi: 0 } : { ton: 1, npi: 1 };
}
