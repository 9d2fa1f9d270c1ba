import { TextDecoder } from 'node:util';
import { SyncmlDecodeError, SyncmlErrorCodes } from '../errors/syncml.error';
import type { WbxmlLimits } from './wbxml.limits';
import type { WbxmlReader } from './wbxml.reader';
import { Charsets, WbxmlVersions } from './wbxml.tokens';

/**
 * WBXML header (WAP-192 5.4): version u8, publicid mb_u_int32 (0 = "index into the string
 * table follows"), charset mb_u_int32 (absent in WBXML 1.0), string table length + bytes.
 */
export interface WbxmlHeader {
  readonly version: number;
  /** The registered number, or the FPI text when the id is a string-table reference. */
  readonly publicId: number | string;
  readonly charset: number;
  readonly stringTable: Uint8Array;
}

export function readHeader(r: WbxmlReader, limits: WbxmlLimits): WbxmlHeader {
  const version = r.u8('the version byte');
  if (version > WbxmlVersions.v1_3)
    throw r.error(SyncmlErrorCodes.unsupported, `WBXML version byte 0x${hex(version)}`, r.pos - 1);
  let publicId: number | string = r.mbUint32('the public id');
  let publicIdIndex: number | undefined;
  if (publicId === 0) publicIdIndex = r.mbUint32('the public id string index');
  // WBXML 1.0 has no charset field; UTF-8 is what every SyncML peer means then.
  const charset = version === WbxmlVersions.v1_0 ? Charsets.utf8 : r.mbUint32('the charset');
  if (!isSupportedCharset(charset)) throw r.error(SyncmlErrorCodes.unsupported, `charset MIBenum ${charset}`);
  const tableAt = r.pos;
  const tableLength = r.mbUint32('the string table length');
  if (tableLength > limits.maxStringBytes)
    throw r.error(SyncmlErrorCodes.tooLarge, `string table of ${tableLength} bytes`, tableAt);
  const stringTable = r.take(tableLength, 'the string table');
  if (publicIdIndex !== undefined)
    publicId = stringAt(stringTable, publicIdIndex, charset, r, tableAt) ?? fail(r, tableAt, publicIdIndex);
  return { version, publicId, charset, stringTable };
}

function fail(r: WbxmlReader, at: number, index: number): never {
  throw r.error(SyncmlErrorCodes.malformed, `public id index ${index} is outside the string table`, at);
}

export function isSupportedCharset(charset: number): boolean {
  return (
    charset === Charsets.utf8 ||
    charset === Charsets.unknown ||
    charset === Charsets.usAscii ||
    charset === Charsets.iso88591
  );
}

const decoders = new Map<number, TextDecoder>();
/** One fatal TextDecoder per charset, reused for every string: bad UTF-8 is refused, as in XML. */
function textDecoderFor(charset: number): TextDecoder {
  let d = decoders.get(charset);
  if (d === undefined) {
    d = new TextDecoder(charset === Charsets.iso88591 ? 'latin1' : 'utf-8', { fatal: true });
    decoders.set(charset, d);
  }
  return d;
}

/** Bytes of a string in the document's charset; `at` is where they start, for the error. */
export function decodeText(bytes: Uint8Array, charset: number, r: WbxmlReader, at: number): string {
  try {
    return textDecoderFor(charset).decode(bytes);
  } catch (cause) {
    const what = charset === Charsets.iso88591 ? 'ISO-8859-1' : 'UTF-8';
    throw new SyncmlDecodeError(
      SyncmlErrorCodes.malformed,
      `string is not valid ${what}`,
      { offset: r.base + at },
      { cause },
    );
  }
}

/** The string at a byte offset in the table: up to a NUL or the table's end (Android omits the NUL). */
export function stringAt(
  table: Uint8Array,
  offset: number,
  charset: number,
  r: WbxmlReader,
  at: number,
): string | undefined {
  if (offset >= table.length) return undefined;
  let end = table.indexOf(0, offset);
  if (end < 0) end = table.length;
  return decodeText(table.subarray(offset, end), charset, r, at);
}

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}
