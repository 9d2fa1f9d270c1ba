import { imeiOfDeviceId } from '@dms/contracts';

/**
 * The handset key: TAC (8) + serial number (6). 3GPP TS 23.003, 6.2.1: the 15th digit is a
 * Luhn check digit over those 14 and the IMEISV replaces it by a 2-digit software version,
 * so neither identifies the handset.
 */
export function imeiKey(imei: string): string {
  return imei.slice(0, 14);
}

export function tacOfImei(imei: string): string {
  return imei.slice(0, 8);
}

/** The 14-digit key inside a DM device id `IMEI:<imei>`, or undefined for other forms. */
export function imeiKeyOfDeviceId(deviceId: string): string | undefined {
  const imei = imeiOfDeviceId(deviceId);
  return imei === undefined ? undefined : imeiKey(imei);
}
