import { SyncmlEncodeError } from '../errors/syncml.error';
import type { Item } from '../model/item.model';

export interface ChunkOptions {
  /** The peer's MaxObjSize (SyncHdr Meta): a larger object must not be sent at all (DM 1.2 2.2, 413). */
  readonly maxObjSize?: number;
}

const utf8 = new TextEncoder();

/**
 * Large object handling (OMA DM 1.2 protocol 2.2; DS RepPro 1.2 the same): splits an
 * item's Data into chunks of at most `maxChunkBytes` bytes. Every chunk repeats the
 * item's Target/Source and Meta; Meta Size (the total, in bytes as transported) is on
 * the first chunk only; every chunk but the last has MoreData. An item that fits in one
 * chunk is returned unchanged (a single-message object must not carry MoreData). Text is
 * split on UTF-8 character boundaries, so each chunk is valid text on its own.
 */
export function chunkLargeObject(item: Item, maxChunkBytes: number, options: ChunkOptions = {}): Item[] {
  if (!Number.isInteger(maxChunkBytes) || maxChunkBytes < 4)
    throw cannot(`chunk size ${maxChunkBytes} is too small`);
  const { data } = item;
  if (data === undefined) return [item];
  if (typeof data !== 'string' && !(data instanceof Uint8Array))
    throw cannot(`nested ${data.kind} data cannot be chunked; encode it as text first`);
  const bytes = typeof data === 'string' ? utf8.encode(data) : data;
  if (options.maxObjSize !== undefined && bytes.byteLength > options.maxObjSize) {
    throw new SyncmlEncodeError(
      'SYNCML_TOO_LARGE',
      `object of ${bytes.byteLength} bytes exceeds the peer's MaxObjSize ${options.maxObjSize}`,
    );
  }
  if (bytes.byteLength <= maxChunkBytes) return [item];
  const pieces = typeof data === 'string' ? splitText(data, maxChunkBytes) : splitBytes(data, maxChunkBytes);
  const { moreData: _ignored, ...base } = item;
  return pieces.map((piece, index) => {
    const meta = index === 0 ? { ...item.meta, size: bytes.byteLength } : withoutSize(item.meta);
    const chunk: Item = { ...base, data: piece, ...(meta === undefined ? {} : { meta }) };
    return index < pieces.length - 1 ? { ...chunk, moreData: true } : chunk;
  });
}

function withoutSize(meta: Item['meta']): Item['meta'] {
  if (meta === undefined) return undefined;
  const { size: _size, ...rest } = meta;
  return Object.keys(rest).length === 0 ? undefined : rest;
}

function splitBytes(bytes: Uint8Array, max: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.byteLength; at += max) pieces.push(bytes.slice(at, at + max));
  return pieces;
}

/** Splits by UTF-8 byte budget without cutting a code point (surrogate pairs stay together). */
function splitText(value: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  let currentBytes = 0;
  for (const char of value) {
    const cp = char.codePointAt(0) ?? 0;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (currentBytes + size > max) {
      pieces.push(current);
      current = '';
      currentBytes = 0;
    }
    current += char;
    currentBytes += size;
  }
  if (current !== '') pieces.push(current);
  return pieces;
}

function cannot(message: string): SyncmlEncodeError {
  return new SyncmlEncodeError('SYNCML_CANNOT_ENCODE', message);
}
