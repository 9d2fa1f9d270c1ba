import type { Document } from '@dms/store';
import type { KnownState } from '../domain/detection.ports';
import type { SubscriberState } from '../domain/subscriber-state';

/** One document per subscriber in collection `subscriber_states`, `_id` = MSISDN. */
export interface StoredSubscriberState extends Document {
  imsi: string;
  imei: string;
  imeisv?: string;
  observedAt: string;
  observedAtMs: number;
  updatedAt: string;
}

export const SUBSCRIBER_STATES_COLLECTION = 'subscriber_states';

export function knownFromStored(doc: StoredSubscriberState): KnownState {
  const state: SubscriberState = {
    msisdn: doc._id,
    imsi: doc.imsi,
    imei: doc.imei,
    ...(doc.imeisv === undefined ? {} : { imeisv: doc.imeisv }),
    observedAt: doc.observedAt,
    observedAtMs: doc.observedAtMs,
  };
  return { state, version: doc.observedAt, versionMs: doc.observedAtMs };
}

export function storedFromState(state: SubscriberState, now: Date): StoredSubscriberState {
  return {
    _id: state.msisdn,
    imsi: state.imsi,
    imei: state.imei,
    ...(state.imeisv === undefined ? {} : { imeisv: state.imeisv }),
    observedAt: state.observedAt,
    observedAtMs: state.observedAtMs,
    updatedAt: now.toISOString(),
  };
}

/** The cache holds exactly what load() returns, as compact JSON. */
export function encodeKnown(known: KnownState): string {
  return JSON.stringify(known);
}

export function decodeKnown(text: string): KnownState | undefined {
  const value = JSON.parse(text) as Partial<KnownState>;
  if (
    typeof value.version !== 'string' ||
    typeof value.versionMs !== 'number' ||
    typeof value.state?.imei !== 'string'
  )
    return undefined;
  return value as KnownState;
}
