import { SyncmlDecodeError, SyncmlErrorCodes, type SyncmlErrorCode } from '../errors/syncml.error';
import { cstr } from './wbxml-codec-case';
import { decodeWbxmlDocument } from './wbxml-document.decoder';
import type { WbxmlLimits } from './wbxml.limits';

const header = [0x02, 0xa4, 0x01, 0x6a, 0x00]; // WBXML 1.2, SyncML 1.2, UTF-8, no string table

function failure(bytes: number[], limits?: Partial<WbxmlLimits>): SyncmlDecodeError {
  try {
    decodeWbxmlDocument(Uint8Array.from(bytes), limits);
  } catch (e) {
    if (e instanceof SyncmlDecodeError) return e;
    throw e;
  }
  throw new SyncmlDecodeError(SyncmlErrorCodes.malformed, 'expected the decoder to fail');
}

const cases: [string, number[], SyncmlErrorCode, number, Partial<WbxmlLimits>?][] = [
  ['an empty input is truncated', [], SyncmlErrorCodes.truncated, 0],
  ['a header with no body is truncated', header, SyncmlErrorCodes.truncated, 5],
  ['an element never closed is truncated', [...header, 0x6d, 0x6b], SyncmlErrorCodes.truncated, 7],
  [
    'an inline string without NUL is truncated',
    [...header, 0x6d, 0x03, 0x41, 0x42],
    SyncmlErrorCodes.truncated,
    9,
  ],
  [
    'an OPAQUE announcing 4 GiB is tooLarge',
    [...header, 0x6d, 0x4f, 0xc3, 0x8f, 0xff, 0xff, 0xff, 0x7f, 0x01],
    SyncmlErrorCodes.tooLarge,
    7,
  ],
  [
    'an OPAQUE running past the end is truncated',
    [...header, 0x6d, 0x4f, 0xc3, 0x05, 0x01, 0x01],
    SyncmlErrorCodes.truncated,
    11,
  ],
  [
    'a 4 GiB string table is tooLarge',
    [0x02, 0xa4, 0x01, 0x6a, 0x8f, 0xff, 0xff, 0xff, 0x7f],
    SyncmlErrorCodes.tooLarge,
    4,
  ],
  [
    'a string table running past the end is truncated',
    [0x02, 0xa4, 0x01, 0x6a, 0x10, 0x41],
    SyncmlErrorCodes.truncated,
    6,
  ],
  [
    'a public id over 32 bits is malformed',
    [0x02, 0x90, 0x80, 0x80, 0x80, 0x00],
    SyncmlErrorCodes.malformed,
    1,
  ],
  ['version byte 0x04 is unsupported', [0x04, 0xa4, 0x01, 0x6a, 0x00], SyncmlErrorCodes.unsupported, 0],
  [
    'an unregistered public id without a SyncML root is unsupported',
    [0x02, 0x99, 0x01, 0x6a, 0x00, 0x4a, 0x01],
    SyncmlErrorCodes.unsupported,
    1,
  ],
  ['charset Shift_JIS is unsupported', [0x02, 0xa4, 0x01, 0x11, 0x00], SyncmlErrorCodes.unsupported, 4],
  [
    'an unassigned tag is unsupported at its offset',
    [...header, 0x6d, 0x70, 0x01, 0x01],
    SyncmlErrorCodes.unsupported,
    6,
  ],
  ['a tag with attributes is unsupported', [...header, 0xed, 0x01, 0x01], SyncmlErrorCodes.unsupported, 5],
  [
    'a tag on an unknown code page is unsupported',
    [...header, 0x6d, 0x00, 0x07, 0x45, 0x01, 0x01],
    SyncmlErrorCodes.unsupported,
    8,
  ],
  [
    'text before the root is malformed',
    [...header, 0x03, 0x41, 0x00, 0x6d, 0x01],
    SyncmlErrorCodes.malformed,
    5,
  ],
  ['bytes after the root are malformed', [...header, 0x6d, 0x01, 0x01], SyncmlErrorCodes.malformed, 7],
  [
    'a string table reference outside the table is malformed',
    [...header, 0x6d, 0x83, 0x05, 0x01],
    SyncmlErrorCodes.malformed,
    6,
  ],
  [
    'an ENTITY naming a surrogate is malformed',
    [...header, 0x6d, 0x02, 0x83, 0xb0, 0x00, 0x01],
    SyncmlErrorCodes.malformed,
    6,
  ],
  [
    'nesting deeper than maxDepth is tooLarge',
    [...header, 0x6d, 0x6b, 0x54, 0x01, 0x01, 0x01],
    SyncmlErrorCodes.tooLarge,
    7,
    { maxDepth: 2 },
  ],
  [
    'more than maxElements elements is tooLarge',
    [...header, 0x6d, 0x12, 0x12, 0x01],
    SyncmlErrorCodes.tooLarge,
    7,
    { maxElements: 2 },
  ],
  [
    'an input over maxInputBytes is tooLarge',
    [...header, 0x6d, 0x01],
    SyncmlErrorCodes.tooLarge,
    0,
    { maxInputBytes: 6 },
  ],
  [
    'an inline string over maxStringBytes is tooLarge',
    [...header, 0x6d, 0x03, ...cstr('ABCDE'), 0x01],
    SyncmlErrorCodes.tooLarge,
    7,
    { maxStringBytes: 4 },
  ],
];

describe('WBXML decoder refuses bad input with a typed error and the byte offset', () => {
  // Rows carry the limits optionally: pass each row whole so jest never mistakes a missing one for `done`.
  it.each(cases.map((row) => [row[0], row] as const))('%s', (_name, [, bytes, code, offset, limits]) => {
    const e = failure(bytes, limits);
    expect({ code: e.code, offset: e.position.offset }).toEqual({ code, offset });
  });

  it('reports an error inside an embedded DevInf at its offset in the whole message', () => {
    const devinf = [0x02, 0xa4, 0x03, 0x6a, 0x00, 0x4a, 0x6f]; // DevInf 1.2 document whose second tag 0x2F is unassigned
    const e = failure([...header, 0x6d, 0x4f, 0xc3, devinf.length, ...devinf, 0x01, 0x01]);
    expect({ code: e.code, offset: e.position.offset }).toEqual({
      code: SyncmlErrorCodes.unsupported,
      offset: 9 + 6,
    });
  });

  it('stops embedding documents at maxEmbeddingDepth and keeps the rest as opaque bytes', () => {
    const devinf = [0x02, 0xa4, 0x03, 0x6a, 0x00, 0x4a, 0x01];
    const doc = decodeWbxmlDocument(
      Uint8Array.from([...header, 0x6d, 0x4f, 0xc3, devinf.length, ...devinf, 0x01, 0x01]),
      { maxEmbeddingDepth: 0 },
    );
    expect(doc.root.children[0]).toEqual({
      kind: 'element',
      name: 'Data',
      children: [{ kind: 'opaque', bytes: Uint8Array.from(devinf) }],
    });
  });
});
