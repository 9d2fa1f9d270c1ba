import { md5, toB64, constantTimeEqual } from '../auth/auth-hash';
import { nonceFromBytes, nonceInput, type NonceForm } from '../auth/nonce';
import type { DigestName, Package0Notification } from './package0.types';

/**
 * OMA-TS-DM_Notification 6.2.2.2:
 *   digest = H( B64(H(name ":" password)) ":" nonce ":" B64(H(trigger)) ), H = MD5, 16 raw octets,
 * trigger = every octet after the digest (header, server identifier, vendor part).
 */
export function package0Digest(
  name: string,
  password: string,
  nonce: Uint8Array,
  trigger: Uint8Array,
  form: NonceForm = 'decoded',
): Uint8Array {
  return md5(
    toB64(md5(`${name}:${password}`)),
    ':',
    nonceInput(nonceFromBytes(nonce), form),
    ':',
    toB64(md5(trigger)),
  );
}

/** What a verifier may try: real clients disagree on the name, the nonce (resync) and the version. */
export interface Package0DigestCandidates {
  readonly password: string;
  /** SRVCRED AAuthName; tried after the message's ServerID when given. */
  readonly username?: string;
  /** Nonces to try, e.g. [stored nonce, 00000000 resync]. */
  readonly nonces: readonly Uint8Array[];
  readonly nonceForms?: readonly NonceForm[];
  /** Version field values accepted; default 11 and 12. */
  readonly acceptVersions?: readonly number[];
}

export type Package0DigestVerification =
  | {
      readonly valid: true;
      readonly digestName: DigestName;
      readonly nonce: Uint8Array;
      readonly nonceForm: NonceForm;
    }
  | { readonly valid: false; readonly reason: 'version' | 'digest' };

/** Tries every candidate (all compared, constant time each) and reports the first that matched. */
export function verifyPackage0Digest(
  pkg: Package0Notification,
  candidates: Package0DigestCandidates,
): Package0DigestVerification {
  if (!(candidates.acceptVersions ?? [11, 12]).includes(pkg.version))
    return { valid: false, reason: 'version' };
  const names: Array<[DigestName, string]> = [['server-id', pkg.serverId]];
  if (candidates.username !== undefined) names.push(['username', candidates.username]);
  let match: Package0DigestVerification | undefined;
  for (const [digestName, name] of names) {
    for (const nonce of candidates.nonces) {
      for (const nonceForm of candidates.nonceForms ?? ['decoded']) {
        const ok = constantTimeEqual(
          pkg.digest,
          package0Digest(name, candidates.password, nonce, pkg.trigger, nonceForm),
        );
        if (ok && match === undefined) match = { valid: true, digestName, nonce, nonceForm };
      }
    }
  }
  return match ?? { valid: false, reason: 'digest' };
}
