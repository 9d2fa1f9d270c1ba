import { imeiFor } from '../fleet/imei';
import type { DeviceFamilyName } from '../tree/device-family';

/**
 * What each demo subscriber does, so the run shows every path of onboarding:
 * `accepts` (configured), `refuses` (answers no to the settings confirmation),
 * `revoked` (revoked "change settings" consent beforehand), `unreachable` (the handset never
 * calls in), and `swaps` (configured, then moves the SIM to a second handset, configured too).
 */
export type DemoBehaviour = 'accepts' | 'refuses' | 'revoked' | 'unreachable' | 'swaps';

export interface DemoHandsetPlan {
  readonly deviceId: string;
  readonly imei: string;
  readonly family: DeviceFamilyName;
}

export interface DemoSubscriberPlan {
  readonly msisdn: string;
  readonly imsi: string;
  readonly behaviour: DemoBehaviour;
  readonly handsets: readonly DemoHandsetPlan[];
}

const pattern: readonly DemoBehaviour[] = ['accepts', 'accepts', 'refuses', 'accepts', 'revoked', 'swaps', 'accepts', 'unreachable'];
/** The device-sim families' TACs (one per family, so the catalog can learn each model). */
export const demoTacs: Readonly<Record<DeviceFamilyName, string>> = { 'oma-standard': '35693803', 'vendor-x': '35291106' };

/**
 * `run` (0..9999) keeps numbers of different runs apart, so a demo run against data of an
 * earlier one still detects new combinations.
 */
export function planDemo(subscribers: number, run: number): DemoSubscriberPlan[] {
  const plans: DemoSubscriberPlan[] = [];
  for (let i = 0; i < subscribers; i += 1) {
    const behaviour = pattern[i % pattern.length] ?? 'accepts';
    const serial = (run % 100) * 10_000 + i * 2;
    const family: DeviceFamilyName = i % 2 === 0 ? 'oma-standard' : 'vendor-x';
    const other: DeviceFamilyName = family === 'oma-standard' ? 'vendor-x' : 'oma-standard';
    const first = handset(family, serial);
    const handsets = behaviour === 'swaps' ? [first, handset(other, serial + 1)] : [first];
    const suffix = `${String(run).padStart(4, '0')}${String(i).padStart(3, '0')}`;
    plans.push({ msisdn: `4917${suffix}`, imsi: `26201${suffix}`, behaviour, handsets });
  }
  return plans;
}

function handset(family: DeviceFamilyName, serial: number): DemoHandsetPlan {
  const deviceId = imeiFor(demoTacs[family], serial % 1_000_000);
  return { deviceId, imei: deviceId.slice('IMEI:'.length), family };
}
