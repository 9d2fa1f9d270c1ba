import { z } from 'zod';

/** Luhn check over a digit string whose last digit is the check digit (3GPP TS 23.003, 6.2.1 for the IMEI). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** IMEI: 15 digits with a valid Luhn check digit, or the 14 digits without it (TAC 8 + SNR 6). */
export const Imei = z
  .string()
  .regex(/^\d{14}(\d)?$/, 'imei must be 14 digits, or 15 with the Luhn check digit')
  .refine((v) => v.length === 14 || luhnValid(v), 'imei check digit (Luhn) is wrong');

/** IMEISV: TAC 8 + SNR 6 + SVN 2 = 16 digits. */
export const Imeisv = z.string().regex(/^\d{16}$/, 'imeisv must be 16 digits');

/** MSISDN in international form without '+', E.164: up to 15 digits. */
export const Msisdn = z.string().regex(/^\d{6,15}$/, 'msisdn must be 6 to 15 digits (E.164, no +)');

/** IMSI: MCC 3 + MNC 2-3 + MSIN, 6 to 15 digits in total (3GPP TS 23.003, 2.2). */
export const Imsi = z.string().regex(/^\d{6,15}$/, 'imsi must be 6 to 15 digits');

export const Timestamp = z.iso.datetime({ offset: true });

/** The 8-digit Type Allocation Code at the start of an IMEI. */
export function tacOf(imei: string): string {
  return imei.slice(0, 8);
}

/**
 * OMA DM device identifier (./DevInfo/DevId, OMA DM 1.2 Standardized Objects 5.3.1). For
 * GSM/UMTS handsets it is `IMEI:<15 digits>`; other forms (MEID, ESN, a serial) are opaque.
 */
export const DeviceId = z.string().min(1).max(128);

/** The IMEI inside a DM device id of the form `IMEI:<imei>`, or undefined for other id forms. */
export function imeiOfDeviceId(deviceId: string): string | undefined {
  const match = /^IMEI:(\d{14,15})$/i.exec(deviceId);
  return match?.[1];
}

/** Job ids, report ids, profile ids: opaque, printable, short enough for a Kafka header or a Mongo key. */
export const OpaqueId = z.string().min(1).max(128);
