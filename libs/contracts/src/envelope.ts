/**
 * The envelope every event travels in: CloudEvents 1.0 attributes. On Kafka they are
 * carried as headers (ce_id, ce_type, ce_source, ce_time, ce_subject, content-type)
 * and `data` is the JSON message value (CloudEvents Kafka binding, binary mode).
 */
export interface EventEnvelope<TTopic extends string = string, TData = unknown> {
  readonly id: string;
  /** Reverse-DNS event type, e.g. `org.dms.hlr.imei-observation.v1`. */
  readonly type: string;
  /** URI-reference of the producer, e.g. `/services/hlr-detector`, or `/external/hlr` for header-less input. */
  readonly source: string;
  /** RFC 3339 time the fact happened or was produced. */
  readonly time: string;
  /** What the event is about (msisdn, device id); also the partition key unless told otherwise. */
  readonly subject?: string;
  readonly datacontenttype: 'application/json';
  /** Ties together the events of one piece of work (a job, a console action); Kafka header `dms_correlation_id`. */
  readonly correlationId?: string;
  readonly topic: TTopic;
  readonly data: TData;
}

/** `source` of events that arrived without CloudEvents headers (an HLR feed, kcat, a file import). */
export const EXTERNAL_SOURCE = '/external';
