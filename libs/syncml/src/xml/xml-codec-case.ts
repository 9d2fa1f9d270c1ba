import type { SyncmlDocument } from '../tree/element';
import { decodeXmlDocument } from './xml.decoder';
import { encodeXmlDocument } from './xml.encoder';

/**
 * One vector -> three tests (mqtt-packet style): the XML decodes to the tree, the tree
 * encodes to exactly that XML (compact, no declaration), and decode(encode(tree)) is the tree.
 * Test support only: imported by *.test.ts files.
 */
export function xmlCodecCase(name: string, doc: SyncmlDocument, xml: string): void {
  describe(name, () => {
    it('decodes to the tree', () => {
      expect(decodeXmlDocument(xml)).toEqual(doc);
    });
    it('encodes to the exact XML', () => {
      expect(encodeXmlDocument(doc, { declaration: false })).toBe(xml);
    });
    it('round-trips through bytes', () => {
      const bytes = new TextEncoder().encode(encodeXmlDocument(doc, { pretty: true }));
      expect(decodeXmlDocument(bytes)).toEqual(doc);
    });
  });
}
