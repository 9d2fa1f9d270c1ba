import { timestampMs } from '@dms/contracts';
import { sameHandset } from './imei';
import { stateOf, type Observation, type SubscriberState } from './subscriber-state';

// Read once: a named import compiles to a getter read on every call (this runs per observation).
const toMs = timestampMs;

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
  // Runs per observation: the common answers (ignored, last-seen) allocate at most the next state.
  const observedAtMs = toMs(observation.observedAt);
  if (known === undefined) {
    return {
      outcome: 'detected',
      change: { kind: 'new-combination', newSubscriber: true },
      next: stateOf(observation, observedAtMs),
    };
  }
  if (observedAtMs < known.observedAtMs) return STALE;
  if (observedAtMs === known.observedAtMs) return DUPLICATE;
  if (!sameHandset(known.imei, observation.imei)) {
    const change: Change =
      known.imeisv === undefined
        ? { kind: 'new-combination', newSubscriber: false, previousImei: known.imei }
        : {
            kind: 'new-combination',
            newSubscriber: false,
            previousImei: known.imei,
            previousImeisv: known.imeisv,
          };
    return { outcome: 'detected', change, next: stateOf(observation, observedAtMs) };
  }
  if (known.imeisv !== undefined && observation.imeisv !== undefined && known.imeisv !== observation.imeisv) {
    return {
      outcome: 'detected',
      change: { kind: 'imeisv-changed', newSubscriber: false, previousImeisv: known.imeisv },
      next: stateOf(observation, observedAtMs),
    };
  }
  // An observation without IMEISV says nothing about the software version: keep the known one.
  return {
    outcome: 'last-seen',
    next: stateOf(observation, observedAtMs, observation.imeisv ?? known.imeisv),
  };
}

const STALE: CombinationDecision = Object.freeze({ outcome: 'ignored', reason: 'stale' });
const DUPLICATE: CombinationDecision = Object.freeze({ outcome: 'ignored', reason: 'duplicate' });
