import { SyncmlEncodeError } from '../errors/syncml.error';
import type { MessageEncoding, EncodeMessageOptions } from '../message.codec';
import type { Command } from '../model/command.model';
import type { SyncHdr, SyncMLMessage } from '../model/message.model';
import { encodedSizer, type MessageSizer } from './message-size';

export interface PackOptions {
  /** The peer's MaxMsgSize (SyncHdr Meta): no produced message may be larger, in encoded bytes. */
  readonly maxMsgSize: number;
  readonly encoding: MessageEncoding;
  /** Replaces real encoding as the size measure (it must be exact or over-estimate). */
  readonly encodedSize?: MessageSizer;
  readonly encodeOptions?: EncodeMessageOptions;
  /** Put Final on the last message (the package ends with these commands). Default true. */
  readonly final?: boolean;
}

export interface PackedMessage {
  readonly message: SyncMLMessage;
  /** Commands of `pending` that did not fit and go into the next message. */
  readonly rest: readonly Command[];
}

/**
 * Fills one message: `leading` commands first (the Status for the peer's SyncHdr, which
 * every message needs, OMA DM 1.2 8.3), then as many of `pending` as fit in MaxMsgSize,
 * in order. Final only when everything fitted and `final` is set (a package's last
 * message, DM 1.2 2.1.2). Commands are never split (Atomic and Sequence must fit in one
 * message); an item too large for any message must be chunked first (chunkLargeObject).
 *
 * Sizes are measured by encoding the candidate message: an exponential then binary
 * search over how many commands fit, so filling a message of k commands costs
 * O(k log k) command encodings, and a whole package O(n log n).
 */
export function packNextMessage(header: SyncHdr, leading: readonly Command[], pending: readonly Command[], options: PackOptions): PackedMessage {
  const size = options.encodedSize ?? encodedSizer(options.encoding, options.encodeOptions);
  const finalWanted = options.final ?? true;
  const build = (count: number): SyncMLMessage => ({
    hdr: header,
    body: { commands: [...leading, ...pending.slice(0, count)], final: finalWanted && count === pending.length },
  });
  const fits = (count: number) => size(build(count)) <= options.maxMsgSize;

  if (!fits(0)) throw tooLarge(`header and ${leading.length} leading command(s) alone exceed MaxMsgSize ${options.maxMsgSize}`);
  if (pending.length === 0) return { message: build(0), rest: [] };
  if (!fits(1)) {
    const first = pending[0];
    throw tooLarge(`${first?.kind ?? 'command'} ${first && 'cmdId' in first ? (first.cmdId ?? '') : ''} does not fit in a message of MaxMsgSize ${options.maxMsgSize}; chunk its data`);
  }
  // Exponential search for an upper bound, then binary search: `low` fits, `high` does not.
  let low = 1;
  let high = 2;
  while (high <= pending.length && fits(high)) {
    low = high;
    high *= 2;
  }
  high = Math.min(high, pending.length + 1);
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return { message: build(low), rest: pending.slice(low) };
}

/**
 * Splits one package's commands over as many messages as MaxMsgSize requires. MsgIDs
 * count up from `header.msgId` (per sender, +1 per message, DM 1.2 2.1). The caller adds
 * the Status for the peer's SyncHdr to each later message itself (packNextMessage does).
 */
export function packMessages(header: SyncHdr, commands: readonly Command[], options: PackOptions): SyncMLMessage[] {
  const firstId = Number(header.msgId);
  if (!Number.isSafeInteger(firstId)) throw new SyncmlEncodeError('SYNCML_CANNOT_ENCODE', `MsgID ${header.msgId} is not a number to count from`);
  const messages: SyncMLMessage[] = [];
  let pending = commands;
  do {
    const { message, rest } = packNextMessage({ ...header, msgId: String(firstId + messages.length) }, [], pending, options);
    messages.push(message);
    pending = rest;
  } while (pending.length > 0);
  return messages;
}

function tooLarge(message: string): SyncmlEncodeError {
  return new SyncmlEncodeError('SYNCML_TOO_LARGE', message.replace(/\s+/g, ' '));
}
