import fc from 'fast-check';
import type { Item } from '../model/item.model';
import { chunkLargeObject } from './large-object.chunker';

const utf8 = new TextEncoder();
const byteLength = (data: Item['data']) =>
  typeof data === 'string'
    ? utf8.encode(data).byteLength
    : data instanceof Uint8Array
      ? data.byteLength
      : NaN;

describe('chunkLargeObject (OMA DM 1.2 2.2)', () => {
  const item: Item = {
    target: { locURI: './FUMO/p/Update/PkgData' },
    meta: { format: 'b64', type: 'application/octet-stream' },
    data: 'A'.repeat(25),
  };

  it('puts Size on the first chunk only, MoreData on all but the last, and repeats Target and Meta', () => {
    const chunks = chunkLargeObject(item, 10);
    expect(chunks).toEqual([
      {
        target: item.target,
        meta: { format: 'b64', type: 'application/octet-stream', size: 25 },
        data: 'A'.repeat(10),
        moreData: true,
      },
      {
        target: item.target,
        meta: { format: 'b64', type: 'application/octet-stream' },
        data: 'A'.repeat(10),
        moreData: true,
      },
      { target: item.target, meta: { format: 'b64', type: 'application/octet-stream' }, data: 'AAAAA' },
    ]);
  });

  it('returns an item that fits unchanged, without MoreData or Size', () => {
    expect(chunkLargeObject(item, 25)).toEqual([item]);
  });

  it('splits binary data into byte chunks', () => {
    const chunks = chunkLargeObject({ data: Uint8Array.from({ length: 9 }, (_, i) => i) }, 4);
    expect(chunks.map((chunk) => chunk.data)).toEqual([
      Uint8Array.of(0, 1, 2, 3),
      Uint8Array.of(4, 5, 6, 7),
      Uint8Array.of(8),
    ]);
    expect(chunks[0]?.meta).toEqual({ size: 9 });
    expect(chunks[1]?.meta).toBeUndefined();
  });

  it('counts Size in UTF-8 bytes and never cuts a character', () => {
    const chunks = chunkLargeObject({ data: '€€€😀' }, 5);
    expect(chunks.map((chunk) => chunk.data)).toEqual(['€', '€', '€', '😀']);
    expect(chunks[0]?.meta?.size).toBe(13);
  });

  it("refuses an object above the peer's MaxObjSize", () => {
    expect(() => chunkLargeObject(item, 10, { maxObjSize: 24 })).toThrow(
      expect.objectContaining({ code: 'SYNCML_TOO_LARGE' }),
    );
  });

  it('refuses nested documents, which have no byte form to split', () => {
    const devInfItem: Item = { data: { kind: 'metinf', meta: { anchor: { next: '1' } } } };
    expect(() => chunkLargeObject(devInfItem, 10)).toThrow(
      expect.objectContaining({ code: 'SYNCML_CANNOT_ENCODE' }),
    );
  });

  it('reassembles to the original for any text and chunk size, each chunk within the limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 300 }),
        fc.integer({ min: 4, max: 64 }),
        (data, max) => {
          const chunks = chunkLargeObject({ data }, max);
          expect(chunks.map((chunk) => chunk.data).join('')).toBe(data);
          for (const chunk of chunks) expect(byteLength(chunk.data)).toBeLessThanOrEqual(max);
          expect(chunks.filter((chunk) => chunk.moreData === true)).toHaveLength(chunks.length - 1);
        },
      ),
    );
  });
});
