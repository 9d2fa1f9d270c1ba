/** Luhn check digit of the 14-digit IMEI body (3GPP TS 23.003, 6.2.1 and annex B). */
export function imeiCheckDigit(body14: string): string {
  let sum = 0;
  for (let i = 0; i < body14.length; i++) {
    let d = body14.charCodeAt(body14.length - 1 - i) - 48;
    // Doubling starts at the rightmost digit of the body, as the check digit will follow it.
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * The OMA DM device id of a GSM/UMTS handset, `IMEI:<15 digits>` (DM 1.2 Standardized
 * Objects 5.3.1, DevInfo/DevId), from the IMEI as subscriber-terminal keeps it.
 */
export function deviceIdOf(terminal: { imei: string; givenImei?: string }): string {
  const given = terminal.givenImei ?? '';
  if (/^\d{15}$/.test(given)) return `IMEI:${given}`;
  const body = terminal.imei.slice(0, 14);
  return `IMEI:${body}${imeiCheckDigit(body)}`;
}
