import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SyncmlDecodeError, SyncmlEncodeError } from '../errors/syncml.error';
import { decodeXmlDocument } from '../xml';
import { CorpusDir, corpusFiles } from './corpus.fixture';
import { decodeWbxmlDocument } from './wbxml-document.decoder';
import { encodeWbxmlDocument } from './wbxml-document.encoder';

/**
 * Bounded fuzzing in CI (mqtt-packet testRandom style): whatever the bytes, the decoder
 * returns a tree or throws SyncmlDecodeError, and never spends long on one input.
 */
const perInputMs = 250;
const corpus = corpusFiles();
const seeds: Uint8Array[] = [
  ...corpus.filter((_, i) => i % 3 === 0).map((f) => encodeWbxmlDocument(decodeXmlDocument(f.bytes))),
  new Uint8Array(readFileSync(join(CorpusDir, 'captures', 'syncevolution', '02-req.bin'))),
  new Uint8Array(readFileSync(join(CorpusDir, 'captures', 'syncevolution', '01-req.bin'))), // embedded DevInf
];

function decodesOrRefuses(decode: () => unknown): boolean {
  const start = performance.now();
  try {
    decode();
  } catch (e) {
    if (!(e instanceof SyncmlDecodeError)) throw e;
  }
  const elapsed = performance.now() - start;
  if (elapsed > perInputMs) throw new RangeError(`one input took ${elapsed.toFixed(0)} ms`);
  return true;
}

/** An mb_u_int32 no honest length has: up to 2^32-1. */
const hugeLength = fc.constantFrom<number[]>(
  [0x8f, 0xff, 0xff, 0xff, 0x7f],
  [0x88, 0x80, 0x80, 0x80, 0x00],
  [0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('huge' as const),
    at: fc.nat(),
    token: fc.constantFrom(0xc3, 0x83, 0x02, 0x04, 0x44, 0x00),
    len: hugeLength,
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(seed: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let bytes = Array.from(seed);
  for (const m of ms) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    if (m.kind === 'flip' && bytes.length > 0) bytes[at] = bytes[at]! ^ (1 << m.bit);
    else if (m.kind === 'truncate') bytes = bytes.slice(0, at);
    else if (m.kind === 'insert') bytes.splice(at, 0, ...m.bytes);
    else if (m.kind === 'huge') bytes.splice(at, 0, m.token, ...m.len);
  }
  return Uint8Array.from(bytes);
}

describe('WBXML decoder under fuzzing', () => {
  it('random bytes decode or are refused with SyncmlDecodeError', () => {
    const header = fc.constantFrom(
      [],
      [0x02, 0xa4, 0x01, 0x6a, 0x00],
      [0x03, 0x00, 0x00, 0x6a],
      [0x02, 0xa4, 0x03, 0x6a, 0x00],
    );
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 400 }), (h, body) =>
        decodesOrRefuses(() => decodeWbxmlDocument(Uint8Array.from([...h, ...body]))),
      ),
      { numRuns: 1000 },
    );
  });

  it('mutated valid WBXML (bit flips, truncations, inserted bytes, huge lengths) decodes or is refused', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 4 }), (seed, ms) =>
        decodesOrRefuses(() => decodeWbxmlDocument(mutate(seed, ms), { maxElements: 20_000 })),
      ),
      { numRuns: 2000 },
    );
  });

  it('mutated XML corpus documents decode or are refused, and what decodes survives WBXML', () => {
    const xmlSeeds = corpus.filter((_, i) => i % 4 === 0).map((f) => f.bytes);
    fc.assert(
      fc.property(
        fc.constantFrom(...xmlSeeds),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (seed, ms) => {
          let doc: ReturnType<typeof decodeXmlDocument> | undefined;
          decodesOrRefuses(() => (doc = decodeXmlDocument(mutate(seed, ms))));
          if (doc === undefined) return true;
          let wbxml: Uint8Array;
          try {
            wbxml = encodeWbxmlDocument(doc);
          } catch (e) {
            if (e instanceof SyncmlEncodeError) return true;
            throw e;
          }
          return decodeWbxmlDocument(wbxml).root.name === doc.root.name;
        },
      ),
      { numRuns: 600 },
    );
  });
});
