import type { SyncMLMessage } from '../model/message.model';
import { decodeXmlDocument, encodeXmlDocument } from '../xml';
import { documentToMessage, messageToDocument } from './message.mapping';

/**
 * One vector -> three tests: XML decodes to the typed message, the message encodes to
 * exactly that XML (compact, no declaration), and the message survives a round trip.
 * Test support only: imported by *.test.ts files.
 */
export function messageCase(name: string, message: SyncMLMessage, xml: string): void {
  describe(name, () => {
    it('decodes to the typed message', () => {
      expect(documentToMessage(decodeXmlDocument(xml))).toEqual(message);
    });
    it('encodes to the exact XML', () => {
      expect(encodeXmlDocument(messageToDocument(message), { declaration: false })).toBe(xml);
    });
    it('round-trips', () => {
      expect(
        documentToMessage(decodeXmlDocument(encodeXmlDocument(messageToDocument(message), { pretty: true }))),
      ).toEqual(message);
    });
  });
}

/** Wraps SyncBody content in a fixed DM 1.2 server header for short vectors. */
export const dmHeaderXml =
  '<SyncML xmlns="SYNCML:SYNCML1.2"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>1A2B</SessionID><MsgID>2</MsgID>' +
  '<Target><LocURI>IMEI:490154203237518</LocURI></Target><Source><LocURI>https://dm.example.com/dm</LocURI></Source></SyncHdr>';

export const dmHeader = {
  verDTD: '1.2',
  verProto: 'DM/1.2',
  sessionId: '1A2B',
  msgId: '2',
  target: { locURI: 'IMEI:490154203237518' },
  source: { locURI: 'https://dm.example.com/dm' },
} as const;

export function dmMessageXml(body: string, final = true): string {
  return `${dmHeaderXml}<SyncBody>${body}${final ? '<Final/>' : ''}</SyncBody></SyncML>`;
}
