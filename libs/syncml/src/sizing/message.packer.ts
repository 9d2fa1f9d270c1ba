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
 * message) except a DS Sync, whose inner commands may continue in a Sync of the next
 * message (NumberOfChanges only on the first part); an item too large for any message
 * must be chunked first (chunkLargeObject).
 *
 * Sizes are measured by encoding the candidate message: an exponential then binary
 * search over how many commands fit, so filling a message of k commands costs
 * O(k log k) command encodings, and a whole package O(n log n).
 */
export function packNextMessage(
  header: SyncHdr,
  leading: readonly Command[],
  pending: readonly Command[],
  options: PackOptions,
): PackedMessage {
  const size = options.encodedSize ?? encodedSizer(options.encoding, options.encodeOptions);
  const finalWanted = options.final ?? true;
  const build = (count: number): SyncMLMessage => ({
    hdr: header,
    body: {
      commands: [...leading, ...pending.slice(0, count)],
      final: finalWanted && count === pending.length,
    },
  });
  const fits = (count: number) => size(build(count)) <= options.maxMsgSize;

  if (!fits(0))
    throw tooLarge(
      `header and ${leading.length} leading command(s) alone exceed MaxMsgSize ${options.maxMsgSize}`,
    );
  const count = largestFitting(pending.length, fits);
  if (count === pending.length) return { message: build(count), rest: [] };
  const next = pending[count];
  if (next === undefined) return { message: build(count), rest: [] };
  // DS (RepPro 1.2): a Sync may continue in the next message with the same Target/Source.
  if (next.kind === 'Sync' && next.commands.length > 1) {
    const withSync = (inner: number): SyncMLMessage => ({
      hdr: header,
      body: {
        commands: [
          ...leading,
          ...pending.slice(0, count),
          { ...next, commands: next.commands.slice(0, inner) },
        ],
        final: false,
      },
    });
    const inner = largestFitting(
      next.commands.length - 1,
      (k) => k === 0 || size(withSync(k)) <= options.maxMsgSize,
    );
    if (inner > 0) {
      const { numberOfChanges: _counted, ...continuation } = next;
      const rest = [{ ...continuation, commands: next.commands.slice(inner) }, ...pending.slice(count + 1)];
      return { message: withSync(inner), rest };
    }
  }
  if (count === 0) {
    const id = next.cmdId === undefined ? '' : ` ${next.cmdId}`;
    throw tooLarge(
      `${next.kind}${id} does not fit in a message of MaxMsgSize ${options.maxMsgSize}; chunk its data`,
    );
  }
  return { message: build(count), rest: pending.slice(count) };
}

/**
 * Largest n in 0..max with fits(n), for a predicate true at 0 and monotone (more commands
 * never encode smaller): exponential search for a bound, then binary search.
 */
function largestFitting(max: number, fits: (n: number) => boolean): number {
  let low = 0;
  let high = 1;
  while (high <= max && fits(high)) {
    low = high;
    high *= 2;
  }
  high = Math.min(high, max + 1);
  while (high - low > 1) {
    const mid = (low + high) >>> 1;
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return low;
}

/**
 * Splits one package's commands over as many messages as MaxMsgSize requires. MsgIDs
 * count up from `header.msgId` (per sender, +1 per message, DM 1.2 2.1). The caller adds
 * the Status for the peer's SyncHdr to each later message itself (packNextMessage does).
 */
export function packMessages(
  header: SyncHdr,
  commands: readonly Command[],
  options: PackOptions,
): SyncMLMessage[] {
  const firstId = Number(header.msgId);
  if (!Number.isSafeInteger(firstId))
    throw new SyncmlEncodeError(
      'SYNCML_CANNOT_ENCODE',
      `MsgID ${header.msgId} is not a number to count from`,
    );
  const messages: SyncMLMessage[] = [];
  let pending = commands;
  do {
    const { message, rest } = packNextMessage(
      { ...header, msgId: String(firstId + messages.length) },
      [],
      pending,
      options,
    );
    messages.push(message);
    pending = rest;
  } while (pending.length > 0);
  return messages;
}

function tooLarge(message: string): SyncmlEncodeError {
  return new SyncmlEncodeError('SYNCML_TOO_LARGE', message.replace(/\s+/g, ' '));
}
