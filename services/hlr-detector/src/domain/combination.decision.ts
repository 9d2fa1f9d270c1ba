import { sameHandset } from './imei';
import { stateOf, type Observation, type SubscriberState } from './subscriber-state';

export type DetectionKind = 'new-combination' | 'imeisv-changed';

/** What changed, before the I/O-dependent facts (newTerminal, detectedAt) are added. */
export interface Change {
  readonly kind: DetectionKind;
  readonly newSubscriber: boolean;
  readonly previousImei?: string;
  readonly previousImeisv?: string;
}

export type IgnoredReason = 'stale' | 'duplicate';

export type CombinationDecision =
  /** Announce the change, then remember `next`. */
  | { readonly outcome: 'detected'; readonly change: Change; readonly next: SubscriberState }
  /** Same handset, newer observation: remember `next` (last seen, IMSI, a first IMEISV), announce nothing. */
  | { readonly outcome: 'last-seen'; readonly next: SubscriberState }
  /** Older than (stale) or as old as (duplicate) what is known: change nothing. */
  | { readonly outcome: 'ignored'; readonly reason: IgnoredReason };

/**
 * The detection rule. Observations can arrive late and out of order (several HLR
 * front-ends, redelivery after a crash), so only an observation newer than the newest
 * applied one may change the state: a reordered older record of the previous handset
 * would otherwise look like a swap back. At equal time the first applied wins.
 */
export function decideCombination(
  known: SubscriberState | undefined,
  observation: Observation,
): CombinationDecision {
  const next = stateOf(observation);
  if (known === undefined)
    return { outcome: 'detected', change: { kind: 'new-combination', newSubscriber: true }, next };
  if (next.observedAtMs < known.observedAtMs) return { outcome: 'ignored', reason: 'stale' };
  if (next.observedAtMs === known.observedAtMs) return { outcome: 'ignored', reason: 'duplicate' };
  if (!sameHandset(known.imei, next.imei)) {
    return {
      outcome: 'detected',
      change: {
        kind: 'new-combination',
        newSubscriber: false,
        previousImei: known.imei,
        ...(known.imeisv === undefined ? {} : { previousImeisv: known.imeisv }),
      },
      next,
    };
  }
  if (known.imeisv !== undefined && next.imeisv !== undefined && known.imeisv !== next.imeisv) {
    return {
      outcome: 'detected',
      change: { kind: 'imeisv-changed', newSubscriber: false, previousImeisv: known.imeisv },
      next,
    };
  }
  // An observation without IMEISV says nothing about the software version: keep the known one.
  const imeisv = next.imeisv ?? known.imeisv;
  return { outcome: 'last-seen', next: { ...next, ...(imeisv === undefined ? {} : { imeisv }) } };
}
