import { decodeMessage, encodeMessage } from '../message.codec';
import { corpusFiles } from './corpus.fixture';

/**
 * The full path over WBXML: every corpus message, read from XML into the typed model,
 * written as WBXML and read back, is the same message. `embeddedPublicId` only records
 * that DevInf travelled as an embedded WBXML document, so it is left out of the comparison.
 */
function withoutTransport(value: unknown): unknown {
  if (value instanceof Uint8Array || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(withoutTransport);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'embeddedPublicId')
      .map(([key, v]) => [key, withoutTransport(v)]),
  );
}

describe('typed messages through WBXML', () => {
  it.each(corpusFiles().map((f) => [f.name, f] as const))(
    '%s survives XML -> message -> WBXML -> message',
    (_name, file) => {
      const { message } = decodeMessage(file.bytes);
      const wbxml = encodeMessage(message, 'wbxml');
      const back = decodeMessage(wbxml);
      expect(back.encoding).toBe('wbxml');
      expect(withoutTransport(back.message)).toEqual(withoutTransport(message));
    },
  );
});
