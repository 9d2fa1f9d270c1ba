import { decideCombination, type Change } from './combination.decision';
import { combinationDetected, detectionEventId } from './combination-detected.factory';
import type { ObservationOutcome } from './combination-detection.service';
import { ConcurrentUpdateError } from './concurrent-update.error';
import type {
  BatchSubscriberStates,
  DetectionPublisher,
  KnownState,
  SeenTerminals,
  StateWrite,
  StreamPosition,
} from './detection.ports';
import { EffectPipeline } from './effect.pipeline';
import type { Observation, SubscriberState } from './subscriber-state';

/**
 * A subscriber during a batch: the state decided on (`base`, what is stored) and the newest
 * one (`state` at `version`, a KnownState itself, updated in place per observation).
 */
interface Working extends KnownState {
  readonly base: KnownState | undefined;
  state: SubscriberState;
  version: string;
  versionMs: number;
  /** False while no state is known (a new subscriber before its first detection). */
  known: boolean;
  dirty: boolean;
}

export interface Detection {
  readonly observation: Observation;
  readonly change: Change;
  readonly eventId: string;
}

export interface BatchResult {
  readonly outcomes: ObservationOutcome[];
  /** Resolves once the batch's detections are announced and its states written; the bus commits after it. */
  readonly settled: Promise<void>;
}

const LAST_SEEN: ObservationOutcome = Object.freeze({ outcome: 'last-seen' });
const STALE: ObservationOutcome = Object.freeze({ outcome: 'ignored', reason: 'stale' });
const DUPLICATE: ObservationOutcome = Object.freeze({ outcome: 'ignored', reason: 'duplicate' });
/** The placeholder state of a subscriber not known yet (Working.known false). */
const NONE: SubscriberState = Object.freeze({
  msisdn: '',
  imsi: '',
  imei: '',
  observedAt: '',
  observedAtMs: 0,
});

/**
 * Applies a batch of observations of one partition with the rule and the exactly-once
 * order of CombinationDetectionService, in bulk: states are read once per batch (memory
 * tier, else one cache and one store round trip), decisions are taken in memory in stream
 * order, then - in the background, in batch order per partition (effect.pipeline.ts) -
 * every detection is announced under its deterministic id, then each changed subscriber's
 * newest state is written once, optimistically over the state the batch was decided on.
 * The bus commits the batch only when `settled` resolves. A crash before the writes
 * redelivers the batch onto unchanged states: the same detections under the same ids. A
 * write lost to another instance rejects `settled`, and the bus delivers the batch again
 * (the memory tier is dropped on that step back, so the truth is reloaded). A known
 * combination seen again costs no I/O (memory tier hit, deferred last-seen write).
 */
export class BatchDetectionService {
  private readonly pipeline: EffectPipeline;

  constructor(
    private readonly states: BatchSubscriberStates,
    terminals: SeenTerminals,
    publisher: DetectionPublisher,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.pipeline = new EffectPipeline({
      prepare: async (detections) => {
        // Claims in stream order, in one round trip: the first sighting of a handset wins.
        const swaps = detections.filter((d) => d.change.kind === 'new-combination');
        const claimed = await terminals.claimMany(
          swaps.map(({ observation: o }) => ({ imei: o.imei, msisdn: o.msisdn, observedAt: o.observedAt })),
        );
        const newTerminal = new Map(swaps.map((d, i) => [d, claimed[i] === true]));
        const now = this.now();
        return detections.map((d) => ({
          event: combinationDetected(d.observation, d.change, newTerminal.get(d) === true, now),
          eventId: d.eventId,
        }));
      },
      publish: (events) =>
        Promise.all(events.map(({ event, eventId }) => publisher.publish(event, eventId))).then(
          () => undefined,
        ),
      write: (writes, position) =>
        this.states.saveMany(writes, position).then((lost) => {
          const [msisdn] = lost;
          if (msisdn !== undefined) throw new ConcurrentUpdateError(msisdn, 1);
        }),
    });
  }

  async applyBatch(
    observations: readonly Observation[],
    position: StreamPosition,
    lastOffset: string,
  ): Promise<BatchResult> {
    const msisdns = new Set<string>();
    for (const observation of observations) msisdns.add(observation.msisdn);
    const loaded = await this.states.loadMany([...msisdns], position);
    const working = new Map<string, Working>();
    for (const msisdn of msisdns) {
      const known = loaded.get(msisdn);
      working.set(
        msisdn,
        known === undefined
          ? { base: undefined, state: NONE, version: '', versionMs: 0, known: false, dirty: false }
          : {
              base: known,
              state: known.state,
              version: known.version,
              versionMs: known.versionMs,
              known: true,
              dirty: false,
            },
      );
    }
    const detections: Detection[] = [];
    const outcomes = new Array<ObservationOutcome>(observations.length);
    for (let i = 0; i < observations.length; i++) {
      const observation = observations[i]!;
      outcomes[i] = this.decide(observation, working.get(observation.msisdn)!, detections);
    }
    const writes: StateWrite[] = [];
    const remembered: KnownState[] = [];
    for (const w of working.values()) {
      if (!w.known) continue;
      const current: KnownState = { state: w.state, version: w.version, versionMs: w.versionMs };
      if (w.dirty) writes.push({ next: w.state, expected: w.base });
      if (w.base === undefined || w.state !== w.base.state || w.version !== w.base.version)
        remembered.push(current);
    }
    const settled = this.pipeline.run(detections, writes, position, lastOffset);
    // The next batch decides on what this one will have written, not on what is stored yet.
    if (!this.states.pipelines) await settled;
    await this.states.rememberMany(remembered, position);
    return { outcomes, settled };
  }

  private decide(observation: Observation, w: Working, detections: Detection[]): ObservationOutcome {
    const decision = decideCombination(w.known ? w.state : undefined, observation);
    switch (decision.outcome) {
      case 'ignored':
        return decision.reason === 'stale' ? STALE : DUPLICATE;
      case 'last-seen': {
        // decideCombination answers last-seen only when a state is known; w is that KnownState.
        if (w.dirty || this.states.needsWrite(decision.next, w)) this.advance(w, decision.next);
        else w.state = decision.next;
        return LAST_SEEN;
      }
      case 'detected': {
        const eventId = detectionEventId(observation, decision.change.kind);
        detections.push({ observation, change: decision.change, eventId });
        this.advance(w, decision.next);
        return { outcome: 'detected', kind: decision.change.kind, eventId };
      }
    }
  }

  /** The state will be written after the batch's announcements; later sightings in the batch coalesce into that write. */
  private advance(w: Working, next: SubscriberState): void {
    w.state = next;
    w.version = next.observedAt;
    w.versionMs = next.observedAtMs;
    w.known = true;
    w.dirty = true;
  }
}
