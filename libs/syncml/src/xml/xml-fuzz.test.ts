import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { SyncmlDecodeError } from '../errors/syncml.error';
import { documentToMessage } from '../mapping';
import { decodeXmlDocument } from './xml.decoder';

// Handset input is hostile or broken: whatever the bytes, decoding and mapping end in a
// result or a SyncmlDecodeError, never another exception (errors/syncml.error.ts).
const seed = readFileSync('/work/shared/peers/syncevolution/captures/ref_session/02-req.xml');

function decodeAndMap(input: Uint8Array | string): void {
  try {
    documentToMessage(decodeXmlDocument(input));
  } catch (error) {
    if (!(error instanceof SyncmlDecodeError)) throw error;
  }
}

describe('XML decoder fuzz', () => {
  it('survives random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => decodeAndMap(bytes)),
      { numRuns: 500 },
    );
  });

  it('survives random markup-like text', () => {
    const token = fc.constantFrom(
      '<',
      '>',
      '/',
      '</',
      '<!',
      '<?',
      '?>',
      ']]>',
      '<![CDATA[',
      '&',
      ';',
      '&#',
      'x',
      '"',
      "'",
      '=',
      ' ',
      '\n',
      'SyncML',
      'xmlns',
      ':',
      '<!DOCTYPE',
      '[',
      '<!ENTITY',
      '--',
      '<!--',
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => decodeAndMap(tokens.join(''))),
      { numRuns: 1000 },
    );
  });

  it('survives a real message with bytes flipped, cut or inserted', () => {
    const mutation = fc.record({
      at: fc.nat({ max: seed.length - 1 }),
      byte: fc.integer({ min: 0, max: 255 }),
      kind: fc.constantFrom('flip', 'cut', 'insert'),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let bytes = Uint8Array.from(seed);
        for (const { at, byte, kind } of mutations) {
          const position = Math.min(at, bytes.length - 1);
          if (kind === 'flip') bytes[position] = byte;
          else if (kind === 'cut') bytes = bytes.slice(0, position);
          else bytes = Uint8Array.from([...bytes.subarray(0, position), byte, ...bytes.subarray(position)]);
          if (bytes.length === 0) break;
        }
        decodeAndMap(bytes);
      }),
      { numRuns: 500 },
    );
  });
});
