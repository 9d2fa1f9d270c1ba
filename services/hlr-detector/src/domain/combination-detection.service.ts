import { decideCombination, type DetectionKind, type IgnoredReason } from './combination.decision';
import { combinationDetected, detectionEventId } from './combination-detected.factory';
import { ConcurrentUpdateError } from './concurrent-update.error';
import type { DetectionPublisher, SeenTerminals, StreamPosition, SubscriberStates } from './detection.ports';
import type { Observation } from './subscriber-state';

export type ObservationOutcome =
  | { readonly outcome: 'detected'; readonly kind: DetectionKind; readonly eventId: string }
  | { readonly outcome: 'last-seen' }
  | { readonly outcome: 'ignored'; readonly reason: IgnoredReason };

/** Lost optimistic races before giving the message back to the bus for a retry with backoff. */
const MAX_RACES = 5;

/**
 * Applies one observation. Exactly-once effect on top of at-least-once delivery:
 *
 *   1. announce the detection under a DETERMINISTIC id (combination-detected.factory.ts),
 *   2. then write the new state (optimistic: only over the state the decision was made on),
 *   3. then return, and the bus commits the offset.
 *
 * A crash between 1 and 2 redelivers the observation, the state still says "changed",
 * and the same fact is announced again under the same id: consumers drop it by id. A
 * crash between 2 and 3 redelivers it onto the new state: the decision is "duplicate"
 * and nothing is announced. Writing the state first would instead lose the detection in
 * the first window. A lost race (another instance wrote first) reloads and decides anew.
 */
export class CombinationDetectionService {
  constructor(
    private readonly states: SubscriberStates,
    private readonly terminals: SeenTerminals,
    private readonly publisher: DetectionPublisher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async apply(observation: Observation, position?: StreamPosition): Promise<ObservationOutcome> {
    for (let race = 0; race < MAX_RACES; race++) {
      const known = await this.states.load(observation.msisdn, position);
      const decision = decideCombination(known?.state, observation);
      switch (decision.outcome) {
        case 'ignored':
          return { outcome: 'ignored', reason: decision.reason };
        case 'last-seen':
          // decideCombination answers last-seen only when a state is known.
          if (known && (await this.states.touch(decision.next, known, position)))
            return { outcome: 'last-seen' };
          continue;
        case 'detected': {
          const { change } = decision;
          const newTerminal =
            change.kind === 'new-combination' &&
            (await this.terminals.claimFirstSighting(
              observation.imei,
              observation.msisdn,
              observation.observedAt,
            ));
          const eventId = detectionEventId(observation, change.kind);
          await this.publisher.publish(
            combinationDetected(observation, change, newTerminal, this.now()),
            eventId,
          );
          if (!(await this.states.save(decision.next, known, position))) continue;
          return { outcome: 'detected', kind: change.kind, eventId };
        }
      }
    }
    throw new ConcurrentUpdateError(observation.msisdn, MAX_RACES);
  }
}
