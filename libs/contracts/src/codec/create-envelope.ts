import { randomUUID } from 'node:crypto';
import type { EventData, EventInput, TopicName } from '../catalog';
import { eventCatalog, isTopicName } from '../catalog';
import type { EventEnvelope } from '../envelope';
import { InvalidEventError } from './invalid-event.error';

export interface CreateEnvelopeOptions {
  /** Producer URI, e.g. `/services/hlr-detector`. */
  source: string;
  /** Supply to make a re-publish of the same fact carry the same id. */
  id?: string;
  subject?: string;
  time?: string;
  correlationId?: string;
}

/**
 * Validates a payload against its topic's schema (defaults applied) and wraps it in an
 * envelope. Throws InvalidEventError so that nothing invalid is ever produced.
 */
export function createEnvelope<T extends TopicName>(
  topic: T,
  input: EventInput<T>,
  options: CreateEnvelopeOptions,
): EventEnvelope<T, EventData<T>> {
  if (!isTopicName(topic)) throw new InvalidEventError(String(topic), 'unknown topic');
  const definition = eventCatalog[topic];
  const parsed = definition.schema.safeParse(input);
  if (!parsed.success) throw InvalidEventError.fromZod(topic, parsed.error);
  const data = parsed.data as EventData<T>;
  const key = (definition.key as (d: EventData<T>) => string)(data);
  return {
    id: options.id ?? randomUUID(),
    type: definition.type,
    source: options.source,
    time: options.time ?? new Date().toISOString(),
    subject: options.subject ?? key,
    datacontenttype: 'application/json',
    topic,
    data,
    ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
  };
}

/** The partition key the catalog assigns to a payload. */
export function catalogKeyOf<T extends TopicName>(topic: T, data: EventData<T>): string {
  return (eventCatalog[topic].key as (d: EventData<T>) => string)(data);
}
