import { createHash } from 'node:crypto';
import type { CombinationDetected } from '@dms/contracts';
import type { Change } from './combination.decision';
import { handsetKeyOf, tacOfImei } from './imei';
import type { Observation } from './subscriber-state';

/**
 * The event id of a detection is a function of the fact, not of the moment it was
 * announced: a re-announcement after a crash (see observation.handler.ts) carries the same
 * id, and consumers drop it by id. The IMEI enters in its 14-digit form so that the
 * 15-digit spelling of the same record gives the same id.
 */
export function detectionEventId(observation: Observation, kind: Change['kind']): string {
  const fact = [
    observation.msisdn,
    handsetKeyOf(observation.imei),
    observation.imeisv ?? '',
    observation.observedAt,
    kind,
  ].join('|');
  return `hlr-${createHash('sha256').update(fact).digest('hex').slice(0, 40)}`;
}

export function combinationDetected(
  observation: Observation,
  change: Change,
  newTerminal: boolean,
  detectedAt: Date,
): CombinationDetected {
  return {
    kind: change.kind,
    msisdn: observation.msisdn,
    imsi: observation.imsi,
    imei: observation.imei,
    ...(observation.imeisv === undefined ? {} : { imeisv: observation.imeisv }),
    tac: tacOfImei(observation.imei),
    ...(change.previousImei === undefined ? {} : { previousImei: change.previousImei }),
    ...(change.previousImeisv === undefined ? {} : { previousImeisv: change.previousImeisv }),
    newSubscriber: change.newSubscriber,
    newTerminal,
    observedAt: observation.observedAt,
    detectedAt: detectedAt.toISOString(),
    source: observation.source,
  };
}
