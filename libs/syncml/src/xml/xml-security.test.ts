import { SyncmlDecodeError, SyncmlErrorCodes } from '../errors/syncml.error';
import { decodeXmlDocument } from './xml.decoder';

function decodeError(
  input: string | Uint8Array,
  limits?: Parameters<typeof decodeXmlDocument>[1],
): SyncmlDecodeError {
  try {
    decodeXmlDocument(input, limits);
  } catch (error) {
    if (error instanceof SyncmlDecodeError) return error;
    throw error;
  }
  throw new Error('expected the document to be refused');
}

const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<SyncML><Data>&lol3;</Data></SyncML>`;

describe('XML decoder refuses hostile and broken input', () => {
  it('refuses the billion-laughs document as a forbidden DOCTYPE at its line', () => {
    const error = decodeError(billionLaughs);
    expect(error.code).toBe(SyncmlErrorCodes.forbiddenDoctype);
    expect(error.position).toEqual({ line: 2, column: 1 });
  });

  it('refuses an external entity declaration even without other subset content', () => {
    const error = decodeError(
      '<!DOCTYPE SyncML [<!ENTITY x SYSTEM "file:///etc/passwd">]><SyncML>&x;</SyncML>',
    );
    expect(error.code).toBe(SyncmlErrorCodes.forbiddenDoctype);
  });

  it('refuses an undeclared entity reference as malformed', () => {
    expect(decodeError('<SyncML>&x;</SyncML>').code).toBe(SyncmlErrorCodes.malformed);
  });

  it('refuses nesting deeper than the limit before parsing', () => {
    const deep = '<a>'.repeat(65) + '</a>'.repeat(65);
    const error = decodeError(deep);
    expect(error.code).toBe(SyncmlErrorCodes.tooLarge);
    expect(error.position).toEqual({ line: 1, column: 64 * 3 + 1 });
    expect(decodeXmlDocument('<a>'.repeat(64) + '</a>'.repeat(64)).root.name).toBe('a');
  });

  it('refuses more elements than the limit', () => {
    expect(decodeError('<a>' + '<b/>'.repeat(10) + '</a>', { maxElements: 10 }).code).toBe(
      SyncmlErrorCodes.tooLarge,
    );
  });

  it('refuses input over the byte limit, counting UTF-8 bytes', () => {
    expect(decodeError('<a>éé</a>', { maxBytes: 10 }).code).toBe(SyncmlErrorCodes.tooLarge);
    expect(decodeXmlDocument('<a>éé</a>', { maxBytes: 11 }).root.name).toBe('a');
  });

  it('reports a truncated document as truncated at its end', () => {
    const error = decodeError('<SyncML>\n<SyncHdr>\n<VerDTD>1.2</VerDTD>');
    expect(error.code).toBe(SyncmlErrorCodes.truncated);
    expect(error.position).toEqual({ line: 3, column: 21 });
  });

  it('reports a mismatched closing tag as malformed with line and column', () => {
    const error = decodeError('<SyncML>\n<SyncHdr>\n</SyncBody>\n</SyncML>');
    expect(error.code).toBe(SyncmlErrorCodes.malformed);
    expect(error.position.line).toBe(3);
    expect(error.describe()).toMatch(/line 3, column \d+/);
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(decodeError(Uint8Array.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])).code).toBe(
      SyncmlErrorCodes.malformed,
    );
  });

  it('refuses an empty input', () => {
    expect(decodeError('').code).toBe(SyncmlErrorCodes.truncated);
  });
});
