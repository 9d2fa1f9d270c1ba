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

/**
 * The patterns behind the identifier schemas below, exported for hand-written fast checks
 * of hot topics (events/*.fast-check.ts), which must accept exactly what the schemas accept.
 */
export const IdentifierPatterns = {
  imei: /^\d{14}(\d)?$/,
  imeisv: /^\d{16}$/,
  msisdn: /^\d{6,15}$/,
  imsi: /^\d{6,15}$/,
  /** zod's own ISO 8601 date-time with Z or a ±hh:mm offset (the regex z.iso.datetime({ offset: true }) uses). */
  timestamp: z.regexes.datetime({ offset: true }),
} as const;

/** IMEI: 15 digits with a valid Luhn check digit, or the 14 digits without it (TAC 8 + SNR 6). */
export const Imei = z
  .string()
  .regex(IdentifierPatterns.imei, 'imei must be 14 digits, or 15 with the Luhn check digit')
  .refine((v) => v.length === 14 || luhnValid(v), 'imei check digit (Luhn) is wrong');

/** IMEISV: TAC 8 + SNR 6 + SVN 2 = 16 digits. */
export const Imeisv = z.string().regex(IdentifierPatterns.imeisv, 'imeisv must be 16 digits');

/** MSISDN in international form without '+', E.164: up to 15 digits. */
export const Msisdn = z.string().regex(IdentifierPatterns.msisdn, 'msisdn must be 6 to 15 digits (E.164, no +)');

/** IMSI: MCC 3 + MNC 2-3 + MSIN, 6 to 15 digits in total (3GPP TS 23.003, 2.2). */
export const Imsi = z.string().regex(IdentifierPatterns.imsi, 'imsi must be 6 to 15 digits');

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

/**
 * The DM device id of a GSM/UMTS handset from its IMEI as the subscriber store keeps it
 * (14 digits, or 15): `IMEI:<15 digits>`, as the handset's DevInfo/DevId names itself.
 */
export const deviceIdOfImei = (imei: string): string => `IMEI:${imei15(imei)}`;

/** The IMEI inside a DM device id of the form `IMEI:<imei>`, or undefined for other id forms. */
export function imeiOfDeviceId(deviceId: string): string | undefined {
  const match = /^IMEI:(\d{14,15})$/i.exec(deviceId);
  return match?.[1];
}

/** Job ids, report ids, profile ids: opaque, printable, short enough for a Kafka header or a Mongo key. */
export const OpaqueId = z.string().min(1).max(128);

/**
 * Epoch milliseconds of a timestamp, exactly as Date.parse reads it, for the hot path (every
 * HLR observation is ordered by it): the forms Timestamp accepts (`YYYY-MM-DDTHH:MM`,
 * optional `:SS` and fraction, then `Z` or `±HH:MM`) are read by position, about a fifth
 * of Date.parse's cost; anything else goes to Date.parse. identifiers.test.ts compares both.
 */
export function timestampMs(value: string): number {
  const n = value.length;
  if (n < 17 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45 || value.charCodeAt(10) !== 84 || value.charCodeAt(13) !== 58) return Date.parse(value);
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return Date.parse(value);
  let at = 16;
  let second = 0;
  let ms = 0;
  if (value.charCodeAt(at) === 58) {
    second = digits(value, 17, 2);
    if (second < 0 || second > 59) return Date.parse(value);
    at = 19;
    if (value.charCodeAt(at) === 46) {
      // Date.parse keeps the first three fraction digits and ignores the rest.
      let count = 0;
      for (at++; at < n; at++, count++) {
        const d = value.charCodeAt(at) - 48;
        if (d < 0 || d > 9) break;
        if (count < 3) ms = ms * 10 + d;
      }
      if (count === 0) return Date.parse(value);
      if (count === 1) ms *= 100;
      else if (count === 2) ms *= 10;
    }
  }
  let offsetMinutes = 0;
  const zone = value.charCodeAt(at);
  if (zone === 90 && at === n - 1) offsetMinutes = 0;
  else if ((zone === 43 || zone === 45) && at === n - 6 && value.charCodeAt(at + 3) === 58) {
    const hh = digits(value, at + 1, 2);
    const mm = digits(value, at + 4, 2);
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return Date.parse(value);
    offsetMinutes = (zone === 43 ? 1 : -1) * (hh * 60 + mm);
  } else return Date.parse(value);
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + ms;
}

/** Days from 1970-01-01 to a proleptic Gregorian date; a day past the month's end counts on, as in Date.UTC. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The decimal number in value[at, at + count), or -1 when one of them is not a digit. */
function digits(value: string, at: number, count: number): number {
  let result = 0;
  for (let i = at; i < at + count; i++) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    result = result * 10 + d;
  }
  return result;
}
