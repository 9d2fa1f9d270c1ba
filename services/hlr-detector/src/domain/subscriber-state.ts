import { timestampMs } from '@dms/contracts';

// Read once: a named import compiles to a getter read on every call (this runs per observation).
const toMs = timestampMs;

/**
 * What hlr-detector remembers of a subscriber: the combination of its newest applied
 * observation. `observedAt` is kept as received (the store's optimistic-concurrency token)
 * and as epoch milliseconds for ordering (timestamps may carry different offsets).
 */
export interface SubscriberState {
  readonly msisdn: string;
  readonly imsi: string;
  readonly imei: string;
  readonly imeisv?: string;
  readonly observedAt: string;
  readonly observedAtMs: number;
}

/** An HLR observation as the domain needs it (the contract's HlrImeiObservation fits). */
export interface Observation {
  readonly msisdn: string;
  readonly imsi: string;
  readonly imei: string;
  readonly imeisv?: string;
  readonly observedAt: string;
  readonly source: string;
}

/**
 * The state an observation leads to. Called once per observation (the detector's hot path):
 * `observedAtMs` and `imeisv` may be given when the caller already has them.
 */
export function stateOf(
  observation: Observation,
  observedAtMs: number = toMs(observation.observedAt),
  imeisv: string | undefined = observation.imeisv,
): SubscriberState {
  const { msisdn, imsi, imei, observedAt } = observation;
  return imeisv === undefined
    ? { msisdn, imsi, imei, observedAt, observedAtMs }
    : { msisdn, imsi, imei, imeisv, observedAt, observedAtMs };
}
