import { isUtf8 } from 'node:buffer';
import type { EventData, TopicName } from '../catalog';
import { eventCatalog, isTopicName } from '../catalog';
import type { EventEnvelope } from '../envelope';
import { EXTERNAL_SOURCE } from '../envelope';
import { ExternalEnvelope, externalEventId } from './external-envelope';
import { CloudEventHeader as H, headerEquals, headerText, type WireHeaders } from './kafka-headers';
import { InvalidEventError, formatIssues } from './invalid-event.error';

// Hoisted header names and byte forms: module-level constants, read once per message.
const { ID, TYPE, SOURCE, TIME, SUBJECT, CONTENT_TYPE, CORRELATION_ID } = H;
const JSON_CONTENT_TYPE = Buffer.from('application/json');
const typeBytesByTopic = new Map<string, Buffer>();
function typeBytes(topic: TopicName): Buffer {
  let bytes = typeBytesByTopic.get(topic);
  if (!bytes) typeBytesByTopic.set(topic, (bytes = Buffer.from(eventCatalog[topic].type)));
  return bytes;
}

/** What goes to Kafka (or to the in-process log, which stores the same bytes). */
export interface EncodedKafkaMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/** What comes back: kafkajs' message fields, or the in-process log's record. */
export interface WireMessage {
  key?: Buffer | string | null;
  value: Buffer | string | null;
  headers?: WireHeaders;
}

/** Binary-mode CloudEvent: attributes as headers, data as JSON value. Key: `key`, else subject. */
export function encodeKafkaMessage<T extends TopicName>(
  topic: T,
  envelope: EventEnvelope<T, EventData<T>>,
  key?: string,
): EncodedKafkaMessage {
  const headers: Record<string, string> = {
    [H.ID]: envelope.id,
    [H.TYPE]: envelope.type,
    [H.SOURCE]: envelope.source,
    [H.TIME]: envelope.time,
    [H.SPEC_VERSION]: '1.0',
    [H.CONTENT_TYPE]: 'application/json',
  };
  if (envelope.subject !== undefined) headers[H.SUBJECT] = envelope.subject;
  if (envelope.correlationId !== undefined) headers[H.CORRELATION_ID] = envelope.correlationId;
  const partitionKey = key ?? envelope.subject ?? (eventCatalog[topic].key as (d: unknown) => string)(envelope.data);
  return { key: partitionKey, value: Buffer.from(JSON.stringify(envelope.data)), headers };
}

/**
 * Decodes and validates one message of `topic`. Messages without `ce_id` come from an
 * external producer (HLR feed, kcat): their id is a hash of topic, key and bytes so that a
 * duplicated record keeps its id and the idempotency log catches it; it is computed when first
 * read (ExternalEnvelope). Throws InvalidEventError.
 */
export function decodeKafkaMessage<T extends TopicName>(topic: T, message: WireMessage): EventEnvelope<T, EventData<T>> {
  if (!isTopicName(topic)) throw new InvalidEventError(String(topic), 'unknown topic');
  const definition = eventCatalog[topic];
  if (message.value === null || message.value.length === 0) throw new InvalidEventError(topic, 'empty value');
  // kafkajs hands a header-less record `{}`: none of the header lookups below can match then.
  const headers = hasAny(message.headers) ? message.headers : undefined;
  const id = headers && headerText(headers, ID);
  // Compared as bytes: decoding headers to strings was a visible share of consumer CPU.
  if (headers && headerEquals(headers, TYPE, typeBytes(topic)) === false) {
    throw new InvalidEventError(topic, `type ${headerText(headers, TYPE)} does not belong on this topic (expects ${definition.type})`);
  }
  if (headers && headerEquals(headers, CONTENT_TYPE, JSON_CONTENT_TYPE) === false) {
    const contentType = headerText(headers, CONTENT_TYPE) ?? '';
    if (!contentType.startsWith('application/json')) throw new InvalidEventError(topic, `content-type ${contentType} is not application/json`);
  }
  // toString() without arguments is Node's direct UTF-8 path (an encoding argument goes through a lookup).
  const text = typeof message.value === 'string' ? message.value : message.value.toString();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InvalidEventError(topic, `value is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const value = definition.upcast ? definition.upcast(raw) : raw;
  let data = (definition as { accept?: (v: unknown) => unknown }).accept?.(value) as EventData<T> | undefined;
  if (data === undefined) {
    const parsed = definition.schema.safeParse(value);
    if (!parsed.success) throw new InvalidEventError(topic, formatIssues(parsed.error.issues));
    data = parsed.data as EventData<T>;
  }
  const time = (headers && headerText(headers, TIME)) ?? observedAtOf(data) ?? new Date().toISOString();
  const dataKey = (definition.key as (d: unknown) => string)(data);
  const key = keyText(message.key, dataKey);
  const subject = (headers && headerText(headers, SUBJECT)) ?? key ?? dataKey;
  let envelope: { -readonly [K in keyof EventEnvelope<T, EventData<T>>]: EventEnvelope<T, EventData<T>>[K] };
  if (id === undefined) {
    // Header-less: the id is computed when read (external-envelope.ts), from the text when it holds the same bytes.
    envelope = new ExternalEnvelope(topic, definition.type, time, subject, data, key, text);
    // Bytes that are not UTF-8 decode with U+FFFD in their place: only then are the bytes checked (and hashed as they came).
    if (typeof message.value !== 'string' && text.includes('\uFFFD') && !isUtf8(message.value)) envelope.id = externalEventId(topic, key, message.value);
  } else {
    envelope = { id, type: definition.type, source: headerText(headers, SOURCE) ?? EXTERNAL_SOURCE, time, subject, datacontenttype: 'application/json', topic, data };
  }
  // Assigned only when present: the decoder runs per consumed message, so no spread copies.
  const correlationId = headers && headerText(headers, CORRELATION_ID);
  if (correlationId !== undefined) envelope.correlationId = correlationId;
  return envelope;
}

/** Deterministic id of a header-less record (kept here for callers of the codec). */
export { externalEventId };

/**
 * The record key as text. Producers key by the payload's own key (the MSISDN of an HLR
 * trigger), so when the key bytes spell `dataKey` in ASCII that string is used and no other
 * is decoded (one string per record fewer on the busiest topic).
 */
function keyText(key: WireMessage['key'], dataKey: string): string | undefined {
  if (key == null) return undefined;
  if (typeof key === 'string') return key;
  if (key.length !== dataKey.length) return key.toString();
  for (let i = 0; i < key.length; i++) {
    const c = dataKey.charCodeAt(i);
    if (c >= 0x80 || key[i] !== c) return key.toString();
  }
  return dataKey;
}

function hasAny(headers: WireHeaders | undefined): headers is WireHeaders {
  for (const _ in headers) return true;
  return false;
}

function observedAtOf(data: unknown): string | undefined {
  const observedAt = (data as { observedAt?: unknown }).observedAt;
  return typeof observedAt === 'string' ? observedAt : undefined;
}
