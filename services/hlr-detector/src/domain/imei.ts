/**
 * IMEI identity (3GPP TS 23.003, 6.2.1): TAC (8 digits) + SNR (6 digits) + an optional
 * Luhn check digit that carries no information. HLRs report either form, so the handset
 * is identified by the first 14 digits; the IMEISV (TAC + SNR + SVN 2) names the same
 * handset with a software version.
 */
export function handsetKeyOf(imei: string): string {
  return imei.slice(0, 14);
}

export function tacOfImei(imei: string): string {
  return imei.slice(0, 8);
}

export function sameHandset(a: string, b: string): boolean {
  // Equal strings first: the common case (the same handset seen again) then slices nothing.
  return a === b || handsetKeyOf(a) === handsetKeyOf(b);
}
