import type { Document } from '@dms/store';
import type { KnownState } from '../domain/detection.ports';
import type { SubscriberState } from '../domain/subscriber-state';

/**
 * The head of a subscriber's state in collection `subscriber_states`, `_id` = MSISDN: a
 * recent state, not necessarily the newest (see subscriber-state.repository.ts); the
 * transitions written after it (`subscriber_state_transitions`) lead to the newest.
 */
export interface StoredSubscriberState extends Document {
  imsi: string;
  imei: string;
  imeisv?: string;
  observedAt: string;
  observedAtMs: number;
  updatedAt: string;
}

export const SUBSCRIBER_STATES_COLLECTION = 'subscriber_states';
export const STATE_TRANSITIONS_COLLECTION = 'subscriber_state_transitions';

/** A state written as the successor of version `from` ('' for a first sighting); `_id` = transitionId(msisdn, from). */
export interface StoredStateTransition extends StoredSubscriberState {
  msisdn: string;
  from: string;
}

/** One id per (subscriber, version it follows): the store lets one writer insert it. */
export function transitionId(msisdn: string, fromVersion: string | undefined): string {
  return `${msisdn}|${fromVersion ?? ''}`;
}

export function transitionFromState(
  state: SubscriberState,
  from: string | undefined,
  now: Date,
): StoredStateTransition {
  return {
    ...storedFromState(state, now),
    _id: transitionId(state.msisdn, from),
    msisdn: state.msisdn,
    from: from ?? '',
  };
}

export function knownFromTransition(doc: StoredStateTransition): KnownState {
  const { msisdn, from: _from, ...head } = doc;
  return knownFromStored({ ...head, _id: msisdn });
}

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
