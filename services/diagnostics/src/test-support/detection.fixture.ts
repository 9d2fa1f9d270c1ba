import type { EventInput } from '@dms/contracts';
import { imei15 } from '../domain/run-ids';

let serial = 200_000;

/** A fresh valid IMEI (Luhn) of the test TAC, different on every call. */
export function nextImei(): string {
  return imei15(`35693803${String(serial++).padStart(6, '0')}`);
}

export function detection(msisdn: string, imei: string, kind: 'new-combination' | 'imeisv-changed' = 'new-combination'): EventInput<'terminal.combination-detected.v1'> {
  return {
    kind,
    msisdn,
    imsi: '262011234567890',
    imei,
    ...(kind === 'imeisv-changed' ? { imeisv: `${imei.slice(0, 14)}02`, previousImeisv: `${imei.slice(0, 14)}01` } : {}),
    tac: imei.slice(0, 8),
    newSubscriber: kind === 'new-combination',
    newTerminal: kind === 'new-combination',
    observedAt: '2026-11-28T09:00:00.000Z',
    detectedAt: '2026-11-28T09:00:01.000Z',
    source: 'hlr-fe-01',
  };
}
