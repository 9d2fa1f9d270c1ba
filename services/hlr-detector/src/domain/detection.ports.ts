import type { CombinationDetected } from '@dms/contracts';
import type { SubscriberState } from './subscriber-state';

/** A subscriber state as read, with the token an update must match (the stored observedAt). */
export interface KnownState {
  readonly state: SubscriberState;
  /** observedAt of the stored document; optimistic-concurrency token. */
  readonly version: string;
  readonly versionMs: number;
}

/** Where a message sits in its partition; lets an instance trust what it cached while it reads without gaps. */
export interface StreamPosition {
  readonly partition: number;
  readonly offset: string;
}

/** Last known state per subscriber (data-access/subscriber-states.ts). */
export interface SubscriberStates {
  load(msisdn: string, position?: StreamPosition): Promise<KnownState | undefined>;
  /** Writes a changed combination; false when `expected` is no longer what is stored (another instance won). */
  save(next: SubscriberState, expected: KnownState | undefined, position?: StreamPosition): Promise<boolean>;
  /** Records a newer sighting of the same combination; may defer the store write (DMS_HLR_LAST_SEEN_WRITE_INTERVAL_MS). */
  touch(next: SubscriberState, expected: KnownState, position?: StreamPosition): Promise<boolean>;
}

/** Handsets (14-digit IMEI) ever seen with any subscriber. */
export interface SeenTerminals {
  /** True for the sighting that first showed this handset (also when that same sighting is redelivered). */
  claimFirstSighting(imei: string, msisdn: string, observedAt: string): Promise<boolean>;
  /** The same for the sightings of a batch, in stream order, in one round trip (two if a claim was taken). */
  claimMany(sightings: readonly Sighting[]): Promise<boolean[]>;
}

export interface Sighting {
  readonly imei: string;
  readonly msisdn: string;
  readonly observedAt: string;
}

export interface DetectionPublisher {
  publish(event: CombinationDetected, id: string): Promise<void>;
}

/** One conditional write of a batch: the newest state, over the state the batch was decided on. */
export interface StateWrite {
  readonly next: SubscriberState;
  readonly expected: KnownState | undefined;
}

/** Bulk access for batch consumption (data-access/subscriber-states.ts). */
export interface BatchSubscriberStates extends SubscriberStates {
  /** Known states of these subscribers, one round trip per tier that misses. */
  loadMany(msisdns: readonly string[], position: StreamPosition): Promise<Map<string, KnownState>>;
  /**
   * True when rememberMany keeps states in process memory, so a batch may be decided on the
   * states the previous one will have written before those writes land.
   */
  readonly pipelines: boolean;
  /** Writes in one bulk write; answers the MSISDNs whose write lost to another instance (their caches are cleared). */
  saveMany(writes: readonly StateWrite[], position: StreamPosition): Promise<Set<string>>;
  /** Keeps the newest states of a batch: sightings that need no store write yet (see touch), and states being written. */
  rememberMany(deferred: readonly KnownState[], position: StreamPosition): Promise<void>;
  /** True when a newer sighting of the same combination must reach the store now (interval passed or stored fields changed). */
  needsWrite(next: SubscriberState, expected: KnownState): boolean;
}
