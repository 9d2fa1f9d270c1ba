import type { AssociationRecord, SubscriberRecord } from './subscriber-terminal.model';

/**
 * What a detection means for the stored state:
 * - `attach`: a new association (new subscriber, other handset, or a half-done attach of this
 *   very event that a crash interrupted, recognised by its history entry still being open);
 * - `resume`: this event's association is already the current one (a redelivery): only owed
 *   announcements are sent;
 * - `same-terminal`: a different event saying what is already known (a duplicate): no history;
 * - `stale`: older than what is known (a late duplicate of an earlier swap): ignored.
 */
export type AssociationDecision = 'attach' | 'resume' | 'same-terminal' | 'stale';

export interface DetectionFacts {
  eventId: string;
  imei: string;
  observedAt: string;
}

export function decideAssociation(
  detection: DetectionFacts,
  subscriber: SubscriberRecord | null,
  entryOfEvent: AssociationRecord | null,
): AssociationDecision {
  if (entryOfEvent !== null) {
    if (entryOfEvent.to !== null) return 'stale';
    return subscriber?.currentAssociationId === entryOfEvent._id ? 'resume' : 'attach';
  }
  if (subscriber === null) return 'attach';
  if (
    subscriber.currentSince !== undefined &&
    Date.parse(detection.observedAt) < Date.parse(subscriber.currentSince)
  )
    return 'stale';
  if (subscriber.terminal?.imei === detection.imei) return 'same-terminal';
  return 'attach';
}
