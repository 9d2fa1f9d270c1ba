import { StatusCodes, type Item, type ResultsCommand } from '@dms/syncml';
import type { DmFormat, DmResultItem } from '@dms/contracts';
import { statusFor } from '../status.builder';
import type { MessageContext } from './message-context';

const formats = new Set<string>(['chr', 'int', 'bool', 'bin', 'b64', 'node', 'null', 'xml', 'date', 'time', 'float']);

function resultItem(item: Item, data: Item['data']): DmResultItem {
  const binary = data instanceof Uint8Array;
  const format = binary ? 'b64' : item.meta?.format;
  const text = binary ? Buffer.from(data).toString('base64') : typeof data === 'string' ? data : undefined;
  return {
    ...(item.source?.locURI === undefined ? {} : { source: item.source.locURI }),
    ...(text === undefined ? {} : { data: text }),
    ...(format !== undefined && formats.has(format) ? { format: format as DmFormat } : {}),
    ...(item.meta?.type === undefined ? {} : { type: item.meta.type }),
  };
}

const bytesOf = (data: Item['data']): Buffer => (data instanceof Uint8Array ? Buffer.from(data) : Buffer.from(typeof data === 'string' ? data : '', 'utf8'));

/**
 * Results of our Get (RepPro 6.6.12). A chunked item (MoreData, DM 1.2 2.2) is buffered
 * and acknowledged with 213; the last chunk completes it, checked against the Meta Size
 * of the first chunk (424 on mismatch, the object is dropped). Complete Results get no
 * Status (fact sheet checklist 4).
 */
export async function handleResults(command: ResultsCommand, ctx: MessageContext): Promise<void> {
  const msgRef = command.msgRef ?? ctx.msgId;
  const path = ctx.peekOutstanding(msgRef, command.cmdRef) ?? ctx.state.lo?.[1];
  const items: DmResultItem[] = [];
  for (const item of command.items) {
    const inProgress = ctx.state.lo;
    if (item.moreData === true) {
      const declared = inProgress?.[2] ?? item.meta?.size;
      if (declared === undefined || declared > ctx.maxObjSize) {
        ctx.statuses.push(statusFor(command, ctx.msgId, declared === undefined ? StatusCodes.sizeRequired : StatusCodes.requestEntityTooLarge));
        return;
      }
      if (inProgress === undefined) ctx.state.lo = [`${msgRef}:${command.cmdRef}`, path ?? '', declared];
      await ctx.chunks.append(bytesOf(item.data));
      ctx.statuses.push(statusFor(command, ctx.msgId, StatusCodes.chunkedItemAccepted, item.source === undefined ? {} : { sourceRefs: [item.source.locURI] }));
      return;
    }
    if (inProgress !== undefined) {
      const whole = Buffer.concat([await ctx.chunks.take(), bytesOf(item.data)]);
      delete ctx.state.lo;
      if (whole.byteLength !== inProgress[2]) {
        ctx.statuses.push(statusFor(command, ctx.msgId, StatusCodes.sizeMismatch));
        if (inProgress[1] !== '') ctx.answer(inProgress[1], { status: StatusCodes.sizeMismatch });
        return;
      }
      const data = item.data instanceof Uint8Array ? new Uint8Array(whole) : whole.toString('utf8');
      items.push(resultItem(item, data));
      continue;
    }
    items.push(resultItem(item, item.data));
  }
  for (const r of items) if (r.source !== undefined && r.data !== undefined) ctx.nodes.set(r.source, r.data);
  if (path !== undefined && path !== '') ctx.answer(path, { items: [...(ctx.answers.get(path)?.items ?? []), ...items] });
}
