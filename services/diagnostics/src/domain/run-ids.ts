import { createHash, randomUUID } from 'node:crypto';

/** A report id derived from the input event's id: a redelivered trigger finds its own report. */
export function reportIdFromEvent(prefix: 'cd' | 'alert', eventId: string): string {
  return `${prefix}-${createHash('sha256').update(eventId).digest('hex').slice(0, 32)}`;
}

export function newReportId(): string {
  return `run-${randomUUID()}`;
}

/** 3GPP TS 23.003 6.2.1: a 14-digit IMEI gets its Luhn check digit (DevId names the 15-digit form). */
export function imei15(imei: string): string {
  if (imei.length !== 14) return imei;
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(imei[13 - i]);
    if (i % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return `${imei}${(10 - (sum % 10)) % 10}`;
}

/** DM device id of a GSM/UMTS handset (DM 1.2 Standardized Objects 5.3.1; device-sim names itself so). */
export const deviceIdOfImei = (imei: string): string => `IMEI:${imei15(imei)}`;
