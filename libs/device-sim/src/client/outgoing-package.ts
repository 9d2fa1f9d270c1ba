import { chunkLargeObject, encodeMessage, packNextMessage, StatusCodes, type Command, type Item, type ResultsCommand, type SyncHdr, type SyncMLMessage } from '@dms/syncml';

const utf8 = new TextEncoder();

/** CmdIDs are unique per message, from 1 (DM 1.2 protocol 2.2.2). */
export function numbered(commands: readonly Command[]): Command[] {
  return commands.map((c, i) => (c.kind === 'Unknown' || c.kind === 'Search' ? c : { ...c, cmdId: String(i + 1) }));
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
    .map((r) => (r.kind === 'Status' && r.cmd === 'Get' && refused.has(`${r.cmdRef}|${r.targetRefs[0] ?? ''}`) ? { ...r, data: StatusCodes.requestEntityTooLarge } : r));
}

/**
 * Large object sending (DM 1.2 2.2): a Results item that cannot fit in one message of the
 * server's MaxMsgSize becomes consecutive Results, one chunk each, MoreData on all but the
 * last and Meta Size on the first (chunkLargeObject). The chunk size leaves room for the
 * header and the leading statuses; XML escaping can grow text fivefold (`&amp;`).
 */
export function chunkLargeResults(hdr: SyncHdr, leading: readonly Command[], pending: readonly Command[], maxMsgSize: number, encoding: 'xml' | 'wbxml'): Command[] {
  return pending.flatMap((c) => {
    if (c.kind !== 'Results') return [c];
    const split: Command[] = [];
    let small: Item[] = [];
    for (const item of c.items) {
      const skeleton: ResultsCommand = { ...c, cmdId: '999', items: [{ ...item, data: '', meta: { ...item.meta, size: 999999999 } }] };
      const overhead = encodeMessage({ hdr, body: { commands: numbered([...leading, skeleton]), final: false } }, encoding).byteLength;
      const data = item.data;
      const escapes = encoding === 'xml' && typeof data === 'string' && /[&<>\r]/.test(data);
      const room = Math.max(4, Math.floor((maxMsgSize - overhead - 64) / (escapes ? 5 : 1)));
      if (dataBytes(data) <= room) {
        small.push(item);
        continue;
      }
      if (small.length > 0) split.push({ ...c, items: small });
      small = [];
      for (const chunk of chunkLargeObject(item, room)) split.push({ ...c, items: [chunk] });
    }
    if (small.length > 0) split.push({ ...c, items: small });
    return split;
  });
}

export interface NextMessage {
  readonly message: SyncMLMessage;
  readonly rest: Command[];
}

/** Fills one message under the server's MaxMsgSize; Final only when everything fitted and the package may end. */
export function nextMessage(hdr: SyncHdr, leading: readonly Command[], pending: readonly Command[], options: { maxMsgSize: number; encoding: 'xml' | 'wbxml'; final: boolean }): NextMessage {
  const all = numbered([...leading, ...pending]);
  const lead = all.slice(0, leading.length);
  const rest = all.slice(leading.length);
  const packed = packNextMessage(hdr, lead, rest, { maxMsgSize: options.maxMsgSize, encoding: options.encoding, final: options.final });
  return { message: packed.message, rest: pending.slice(rest.length - packed.rest.length) };
}
