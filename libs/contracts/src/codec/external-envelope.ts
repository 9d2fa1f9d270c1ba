import { hash } from 'node:crypto';
import type { EventEnvelope } from '../envelope';
import { EXTERNAL_SOURCE } from '../envelope';

/**
 * The envelope of a header-less record (an HLR feed, kcat). Its id is a hash of the record
 * (externalEventId) computed when first read: a consumer without an idempotency log never
 * reads it, and hashing every record was a tenth of such a consumer's CPU. `id` is an own
 * enumerable accessor, defined first, so spread, JSON, Object.keys and deep equality see the
 * same object as a plain envelope literal; one shared descriptor keeps instances on one fast
 * hidden class.
 */
export class ExternalEnvelope<TTopic extends string, TData> implements EventEnvelope<TTopic, TData> {
  declare readonly id: string;
  declare readonly type: string;
  declare readonly source: string;
  declare readonly time: string;
  declare readonly subject: string;
  declare readonly datacontenttype: 'application/json';
  declare correlationId?: string;
  declare readonly topic: TTopic;
  declare readonly data: TData;
  #key: string | undefined;
  #text: string;
  #id: string | undefined;

  static readonly #idProperty: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: ExternalEnvelope<string, unknown>) {
      return (this.#id ??= externalEventId(this.topic, this.#key, this.#text));
    },
    set(this: ExternalEnvelope<string, unknown>, id: string) {
      this.#id = id;
    },
  };

  /**
   * `key` and `text` are the record's key and value as text; the id hashes their UTF-8 bytes,
   * so a caller whose value bytes are not valid UTF-8 sets `id` from the bytes instead. The
   * text, not the value Buffer, is kept: a kafkajs value is a view of a whole fetch response.
   */
  constructor(topic: TTopic, type: string, time: string, subject: string, data: TData, key: string | undefined, text: string) {
    Object.defineProperty(this, 'id', ExternalEnvelope.#idProperty);
    this.#key = key;
    this.#text = text;
    this.#id = undefined;
    // Assigned in the order of a plain envelope (codec createEnvelope) so keys enumerate alike.
    (this as { type: string }).type = type;
    (this as { source: string }).source = EXTERNAL_SOURCE;
    (this as { time: string }).time = time;
    (this as { subject: string }).subject = subject;
    (this as { datacontenttype: string }).datacontenttype = 'application/json';
    (this as { topic: TTopic }).topic = topic;
    (this as { data: TData }).data = data;
  }

  /** Shown by util.inspect (logs, test failures) as the plain envelope it stands for. */
  [Symbol.for('nodejs.util.inspect.custom')](): object {
    return { ...this };
  }
}

/**
 * Deterministic id of a header-less record: the same bytes on the same topic and key get the
 * same id in every process and version: `ext-` + the first 160 bits, in hex, of
 * sha-256(topic 0x00 key 0x00 value), topic and key as UTF-8. One hash call over a reused
 * buffer: a Hash object per record (createHash, update calls, digest) cost about 1.5 times as much.
 */
export function externalEventId(topic: string, key: string | undefined, value: Buffer | string): string {
  const keyText = key ?? '';
  // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair is 2 units for 4 bytes).
  const bound = 3 * (topic.length + keyText.length) + 2 + (typeof value === 'string' ? 3 * value.length : value.length);
  if (scratch.length < bound) scratch = Buffer.allocUnsafeSlow(Math.max(bound, 2 * scratch.length));
  let at = scratch.write(topic, 0);
  scratch[at++] = 0;
  at += scratch.write(keyText, at);
  scratch[at++] = 0;
  at += typeof value === 'string' ? scratch.write(value, at) : value.copy(scratch, at);
  return `ext-${hash('sha256', scratch.subarray(0, at), 'hex').slice(0, 40)}`;
}

/** Only used synchronously inside externalEventId, so one buffer serves every call. */
let scratch = Buffer.allocUnsafeSlow(4096);
