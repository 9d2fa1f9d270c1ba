import { DeviceSimErrorCodes, DeviceSimUserError } from '../errors/device-sim.error';

/** Luhn check digit over the 14 digits TAC (8) + serial (6) (3GPP TS 23.003 6.2.1, Annex B). */
export function imeiCheckDigit(fourteenDigits: string): number {
  if (!/^\d{14}$/.test(fourteenDigits))
    throw new DeviceSimUserError(
      DeviceSimErrorCodes.invalidOptions,
      `IMEI body must be 14 digits, got ${fourteenDigits}`,
    );
  let sum = 0;
  for (let i = 0; i < 14; i += 1) {
    const d = Number(fourteenDigits[i]);
    const v = i % 2 === 1 ? d * 2 : d;
    sum += v > 9 ? v - 9 : v;
  }
  return (10 - (sum % 10)) % 10;
}

/** `IMEI:<15 digits>` for the n-th handset of a TAC: serial = start + n, check digit appended. */
export function imeiFor(tac: string, serial: number): string {
  if (!/^\d{8}$/.test(tac))
    throw new DeviceSimUserError(DeviceSimErrorCodes.invalidOptions, `TAC must be 8 digits, got ${tac}`);
  if (!Number.isInteger(serial) || serial < 0 || serial > 999999)
    throw new DeviceSimUserError(DeviceSimErrorCodes.invalidOptions, `serial ${serial} is not 0..999999`);
  const body = `${tac}${String(serial).padStart(6, '0')}`;
  return `IMEI:${body}${imeiCheckDigit(body)}`;
}
