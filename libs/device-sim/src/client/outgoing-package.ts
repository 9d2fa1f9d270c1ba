import {
  encodeMessage,
  packNextMessage,
  StatusCodes,
  type Command,
  type Item,
  type ResultsCommand,
  type SyncHdr,
  type SyncMLMessage,
} from '@dms/syncml';

const utf8 = new TextEncoder();

/** CmdIDs are unique per message, from 1 (DM 1.2 protocol 2.2.2). */
export function numbered(commands: readonly Command[]): Command[] {
  return commands.map((c, i) =>
    c.kind === 'Unknown' || c.kind === 'Search' ? c : { ...c, cmdId: String(i + 1) },
  );
}

function dataBytes(data: Item['data']): number {
  if (typeof data === 'string') return utf8.encode(data).byteLength;
  return data instanceof Uint8Array ? data.byteLength : 0;
}

/**
 * Results items larger than the server's MaxObjSize are not sent (DM 1.2 2.2): the Get's
 * Status for that node becomes 413 instead.
 */
export function enforceMaxObjSize(responses: readonly Command[], maxObjSize: number | undefined): Command[] {
  if (maxObjSize === undefined) return [...responses];
  const refused = new Set<string>();
  const kept = responses.map((r) => {
    if (r.kind !== 'Results') return r;
    const items = r.items.filter((item) => {
      const big = dataBytes(item.data) > maxObjSize;
      if (big) refused.add(`${r.cmdRef}|${item.source?.locURI ?? ''}`);
      return !big;
    });
    return { ...r, items };
  });
  return kept
    .filter((r) => r.kind !== 'Results' || r.items.length > 0)
    .map((r) =>
      r.kind === 'Status' && r.cmd === 'Get' && refused.has(`${r.cmdRef}|${r.targetRefs[0] ?? ''}`)
        ? { ...r, data: StatusCodes.requestEntityTooLarge }
        : r,
    );
}

/**
 * Large object sending (DM 1.2 2.2): a Results item that cannot fit in one message of the
 * server's MaxMsgSize becomes consecutive Results, one chunk each, MoreData on all but the
 * last, Meta Size (the object's octets) on the first. The chunk room leaves space for the
 * header and `leading` statuses; on XML, text is cut by its escaped length.
 */
export function chunkLargeResults(
  hdr: SyncHdr,
  leading: readonly Command[],
  pending: readonly Command[],
  maxMsgSize: number,
  encoding: 'xml' | 'wbxml',
): Command[] {
  return pending.flatMap((c) => {
    if (c.kind !== 'Results') return [c];
    const split: Command[] = [];
    let small: Item[] = [];
    for (const item of c.items) {
      const skeleton: ResultsCommand = {
        ...c,
        cmdId: '999',
        items: [{ ...item, data: '', meta: { ...item.meta, size: 999999999 }, moreData: true }],
      };
      const overhead = encodeMessage(
        { hdr, body: { commands: numbered([...leading, skeleton]), final: true } },
        encoding,
      ).byteLength;
      const room = Math.max(4, maxMsgSize - overhead - 32);
      const pieces = splitData(item.data, room, encoding);
      if (pieces.length <= 1) {
        small.push(item);
        continue;
      }
      if (small.length > 0) split.push({ ...c, items: small });
      small = [];
      pieces.forEach((data, i) => {
        const meta = i === 0 ? { ...item.meta, size: dataBytes(item.data) } : item.meta;
        const chunk: Item = {
          ...item,
          data,
          ...(meta === undefined ? {} : { meta }),
          ...(i < pieces.length - 1 ? { moreData: true } : {}),
        };
        if (i === pieces.length - 1) delete (chunk as { moreData?: boolean }).moreData;
        split.push({ ...c, items: [chunk] });
      });
    }
    if (small.length > 0) split.push({ ...c, items: small });
    return split;
  });
}

/** Escaped XML length of one character (&amp; &lt; &gt; and CR as &#13;), UTF-8 length otherwise. */
function wireLength(char: string, encoding: 'xml' | 'wbxml'): number {
  if (encoding === 'xml' && (char === '&' || char === '\r')) return 5;
  if (encoding === 'xml' && (char === '<' || char === '>')) return 4;
  return utf8.encode(char).byteLength;
}

function splitData(data: Item['data'], room: number, encoding: 'xml' | 'wbxml'): Array<string | Uint8Array> {
  if (data instanceof Uint8Array) {
    const out: Uint8Array[] = [];
    for (let at = 0; at < data.byteLength; at += room) out.push(data.slice(at, at + room));
    return out;
  }
  if (typeof data !== 'string') return [];
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const char of data) {
    const n = wireLength(char, encoding);
    if (size + n > room && current !== '') {
      out.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += n;
  }
  out.push(current);
  return out;
}

/** A Results that carries one chunk of a large object (MoreData, or the last one after such a chunk). */
function chunkIndexes(pending: readonly Command[]): number[] {
  const out: number[] = [];
  pending.forEach((c, i) => {
    const prev = pending[i - 1];
    const more = (x: Command | undefined) =>
      x?.kind === 'Results' && x.items.some((item) => item.moreData === true);
    if (more(c) || (c.kind === 'Results' && more(prev))) out.push(i);
  });
  return out;
}

export interface NextMessage {
  readonly message: SyncMLMessage;
  readonly rest: Command[];
}

/** Fills one message under the server's MaxMsgSize; Final only when everything fitted and the package may end. */
export function nextMessage(
  hdr: SyncHdr,
  leading: readonly Command[],
  pending: readonly Command[],
  options: { maxMsgSize: number; encoding: 'xml' | 'wbxml'; final: boolean },
): NextMessage {
  // Chunks of one object go in consecutive messages, one per message (DM 1.2 2.2).
  const second = chunkIndexes(pending)[1];
  const candidates = second === undefined ? pending : pending.slice(0, second);
  const held = pending.slice(candidates.length);
  const all = numbered([...leading, ...candidates]);
  const lead = all.slice(0, leading.length);
  const rest = all.slice(leading.length);
  const packed = packNextMessage(hdr, lead, rest, {
    maxMsgSize: options.maxMsgSize,
    encoding: options.encoding,
    final: options.final,
  });
  const final = options.final && packed.rest.length === 0 && held.length === 0;
  const message =
    final === packed.message.body.final
      ? packed.message
      : { ...packed.message, body: { ...packed.message.body, final } };
  return { message, rest: [...candidates.slice(rest.length - packed.rest.length), ...held] };
}
