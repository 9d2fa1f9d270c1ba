import { createHmac } from 'node:crypto';
import { SyncmlEncodeError } from '../errors/syncml.error';
import { constantTimeEqualText } from '../auth/auth-hash';

/**
 * OMA-WAP-ProvBoot 5.3/5.4: a bootstrap document is authenticated by MAC = HMAC-SHA1(key, document),
 * sent as 40 hex digits in the Content-Type MAC parameter. The key depends on SEC:
 * NETWPIN = IMSI as semi-octets, USERPIN = the PIN, USERNETWPIN = IMSI semi-octets ‖ PIN.
 */
export type CpMacKey =
  | { readonly sec: 'NETWPIN'; readonly imsi: string }
  | { readonly sec: 'USERPIN'; readonly pin: string }
  | { readonly sec: 'USERNETWPIN'; readonly imsi: string; readonly pin: string };

function invalid(message: string): SyncmlEncodeError {
  return new SyncmlEncodeError('SYNCML_CANNOT_ENCODE', `CP MAC: ${message}`);
}

/**
 * IMSI as on the SIM (3GPP TS 51.011 10.3.2 EF_IMSI, without its length octet): first nibble is
 * the identity type 001 with the odd/even parity bit (9 = odd, 1 = even), then the digits, each
 * octet low nibble first, padded with F. 15-digit IMSI -> 8 octets.
 */
export function imsiSemiOctets(imsi: string): Uint8Array {
  if (!/^\d{1,15}$/.test(imsi)) throw invalid('IMSI must be 1..15 decimal digits');
  const nibbles = [imsi.length % 2 === 1 ? 0x9 : 0x1, ...Array.from(imsi, Number)];
  if (nibbles.length % 2 === 1) nibbles.push(0xf);
  const out = new Uint8Array(nibbles.length / 2);
  for (let i = 0; i < out.length; i++)
    out[i] = (nibbles[2 * i] as number) | ((nibbles[2 * i + 1] as number) << 4);
  return out;
}

export function cpKey(key: CpMacKey): Uint8Array {
  const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
  switch (key.sec) {
    case 'NETWPIN':
      return imsiSemiOctets(key.imsi);
    case 'USERPIN':
      return ascii(key.pin);
    case 'USERNETWPIN':
      return Uint8Array.from([...imsiSemiOctets(key.imsi), ...ascii(key.pin)]);
  }
}

/** 40 upper-case hex digits of HMAC-SHA1(key, document): the exact bytes that are sent. */
export function cpMac(document: Uint8Array, key: CpMacKey): string {
  return createHmac('sha1', cpKey(key)).update(document).digest('hex').toUpperCase();
}

/** Device side: hex case is not significant; compared in constant time. */
export function verifyCpMac(document: Uint8Array, key: CpMacKey, mac: string): boolean {
  return constantTimeEqualText(mac.toUpperCase(), cpMac(document, key));
}

/**
 * USERPINMAC (ProvBoot 5.4.3): the PIN shown to the user is n key digits followed by n check
 * digits, check digit i = (HMAC-SHA1(key digits, document) octet i) mod 10.
 */
export function userPinMac(document: Uint8Array, keyDigits: string): string {
  if (!/^\d+$/.test(keyDigits) || keyDigits.length > 20) throw invalid('USERPINMAC key must be 1..20 digits');
  const mac = createHmac('sha1', keyDigits).update(document).digest();
  return keyDigits + Array.from(mac.subarray(0, keyDigits.length), (b) => String(b % 10)).join('');
}
