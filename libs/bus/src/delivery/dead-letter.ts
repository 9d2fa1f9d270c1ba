import { headersAsText, type WireMessage } from '@dms/contracts';

/** Headers added to a dead letter; the original headers are kept beside them. */
export const DeadLetterHeader = {
  REASON: 'dlq_reason',
  TOPIC: 'dlq_topic',
  PARTITION: 'dlq_partition',
  OFFSET: 'dlq_offset',
  GROUP: 'dlq_group',
  ATTEMPTS: 'dlq_attempts',
} as const;

export interface DeadLetterRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

export interface DeadLetterOrigin {
  topic: string;
  partition: number;
  offset: string;
  group: string;
  attempts: number;
  reason: string;
}

/** The original key and value bytes, untouched, so the record can be replayed as it was. */
export function buildDeadLetter(message: WireMessage, origin: DeadLetterOrigin): DeadLetterRecord {
  return {
    key: toBuffer(message.key),
    value: toBuffer(message.value),
    headers: {
      ...headersAsText(message.headers),
      [DeadLetterHeader.REASON]: origin.reason.slice(0, 4000),
      [DeadLetterHeader.TOPIC]: origin.topic,
      [DeadLetterHeader.PARTITION]: String(origin.partition),
      [DeadLetterHeader.OFFSET]: origin.offset,
      [DeadLetterHeader.GROUP]: origin.group,
      [DeadLetterHeader.ATTEMPTS]: String(origin.attempts),
    },
  };
}

function toBuffer(value: Buffer | string | null | undefined): Buffer | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? Buffer.from(value) : value;
}
