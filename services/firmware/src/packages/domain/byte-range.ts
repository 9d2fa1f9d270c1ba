/** An inclusive byte range of a package. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Reads a Range header against a package of `size` bytes (RFC 9110, 14.1.2 and 14.2):
 * `bytes=a-b` (b clamped to the last byte), `bytes=a-` (to the end), `bytes=-n` (the last n).
 * - `undefined`: send the whole package (no header, another unit, a syntax we ignore as the
 *   RFC allows, or several ranges: we answer those with 200 and the whole body).
 * - `'unsatisfiable'`: 416 (starts past the end, or a suffix of 0 bytes).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (match === null) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
