import type { z } from 'zod';
import { CombinationDetected } from './events/combination-detected.event';
import { HlrImeiObservation } from './events/hlr-imei-observation.event';

/**
 * The event catalog: one entry per Kafka topic. Topic names are
 * `domain.fact-in-past-tense.vN` (STYLE.md 8). `key` picks the partition key from the
 * payload so that all events of one subscriber or device stay in order.
 */
export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly schema: S;
  readonly key: (data: z.infer<S>) => string;
  readonly doc: string;
}

function define<S extends z.ZodType>(def: EventDefinition<S>): EventDefinition<S> {
  return def;
}

export const eventCatalog = {
  'hlr.imei-observations.v1': define({
    type: 'org.dms.hlr.imei-observation.v1',
    schema: HlrImeiObservation,
    key: (d) => d.msisdn,
    doc: 'An HLR trigger: subscriber seen with handset. Produced by operator HLR front-ends (plain JSON accepted).',
  }),
  'terminal.combination-detected.v1': define({
    type: 'org.dms.terminal.combination-detected.v1',
    schema: CombinationDetected,
    key: (d) => d.msisdn,
    doc: 'A new IMEI-MSISDN combination (or an IMEISV-only change) detected by hlr-detector.',
  }),
} as const;

export type EventCatalog = typeof eventCatalog;
export type TopicName = keyof EventCatalog;
export type EventData<T extends TopicName> = z.infer<EventCatalog[T]['schema']>;

export function isTopicName(value: string): value is TopicName {
  return Object.prototype.hasOwnProperty.call(eventCatalog, value);
}
