import type { SyncmlDocument } from '../tree/element';
import { decodeWbxmlDocument } from './wbxml-document.decoder';
import { encodeWbxmlDocument, type WbxmlEncodeOptions } from './wbxml-document.encoder';

/**
 * Test support (imported by *.test.ts only), mqtt-packet style: one vector -> three tests.
 * The bytes decode to the tree, the tree encodes to exactly those bytes, and
 * decode(encode(tree)) is the tree again.
 */
export function codecCase(
  name: string,
  doc: SyncmlDocument,
  bytes: readonly number[],
  options: WbxmlEncodeOptions = {},
): void {
  describe(name, () => {
    it('decodes to the tree', () => {
      expect(decodeWbxmlDocument(Uint8Array.from(bytes))).toEqual(doc);
    });
    it('encodes to the exact bytes', () => {
      expect(hex(encodeWbxmlDocument(doc, { version: doc.wbxmlVersion as 0x02, ...options }))).toBe(
        hex(bytes),
      );
    });
    it('round-trips through bytes', () => {
      expect(
        decodeWbxmlDocument(encodeWbxmlDocument(doc, { version: doc.wbxmlVersion as 0x02, ...options })),
      ).toEqual(doc);
    });
  });
}

/** `"abc"` -> its UTF-8 bytes followed by NUL, for STR_I vectors. */
export function cstr(value: string): number[] {
  return [...new TextEncoder().encode(value), 0x00];
}

export function ascii(value: string): number[] {
  return [...new TextEncoder().encode(value)];
}

export function hex(bytes: ArrayLike<number>): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}
