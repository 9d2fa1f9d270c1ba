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

export function stateOf(observation: Observation): SubscriberState {
  return {
    msisdn: observation.msisdn,
    imsi: observation.imsi,
    imei: observation.imei,
    ...(observation.imeisv === undefined ? {} : { imeisv: observation.imeisv }),
    observedAt: observation.observedAt,
    observedAtMs: Date.parse(observation.observedAt),
  };
}
