/**
 * Header names of the CloudEvents Kafka protocol binding (binary content mode, section 3.2):
 * each attribute travels as a `ce_<name>` header and the data as the message value.
 */
export const CloudEventHeader = {
  ID: 'ce_id',
  TYPE: 'ce_type',
  SOURCE: 'ce_source',
  TIME: 'ce_time',
  SUBJECT: 'ce_subject',
  SPEC_VERSION: 'ce_specversion',
  CONTENT_TYPE: 'content-type',
  CORRELATION_ID: 'dms_correlation_id',
} as const;

/** kafkajs hands headers as Buffer, string, or an array of them when a header repeats. */
export type WireHeaderValue = Buffer | string | (Buffer | string)[] | undefined;
export type WireHeaders = Readonly<Record<string, WireHeaderValue>>;

/** The last value of a header as text; the last one wins when a header repeats, as in Kafka Streams. */
export function headerText(headers: WireHeaders | undefined, name: string): string | undefined {
  const last = lastValue(headers, name);
  if (last === undefined) return undefined;
  return typeof last === 'string' ? last : last.toString('utf8');
}

/** Compares a header with an expected text without decoding it (the consumer hot path). */
export function headerEquals(headers: WireHeaders | undefined, name: string, expected: Buffer): boolean | undefined {
  const last = lastValue(headers, name);
  if (last === undefined) return undefined;
  return typeof last === 'string' ? last === expected.toString() : expected.equals(last);
}

function lastValue(headers: WireHeaders | undefined, name: string): Buffer | string | undefined {
  const value = headers?.[name];
  if (value === undefined || !Array.isArray(value)) return value;
  return value[value.length - 1];
}

/** All headers as text, for copying a message's headers into a dead letter. */
export function headersAsText(headers: WireHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(headers ?? {})) {
    const text = headerText(headers, name);
    if (text !== undefined) out[name] = text;
  }
  return out;
}
