import { readFileSync } from 'node:fs';
import { AlertCodes } from './codes/alert.codes';
import { SyncmlErrorCodes } from './errors/syncml.error';
import type { SyncMLMessage } from './model/message.model';
import { contentTypeFor, decodeMessage, detectEncoding, encodeMessage } from './message.codec';

const message: SyncMLMessage = {
  hdr: {
    verDTD: '1.2',
    verProto: 'DM/1.2',
    sessionId: '17',
    msgId: '1',
    target: { locURI: 'https://dm.example.com/dm' },
    source: { locURI: 'IMEI:490154203237518' },
    meta: { maxMsgSize: 10000 },
  },
  body: {
    commands: [
      { kind: 'Alert', cmdId: '1', data: AlertCodes.clientInitiatedMgmt, items: [] },
      { kind: 'Replace', cmdId: '2', items: [{ source: { locURI: './DevInfo/Lang' }, data: 'en-US' }] },
    ],
    final: true,
  },
};

describe('message codec', () => {
  it.each(['xml', 'wbxml'] as const)(
    'round-trips a DM Package 1 through %s and reports the encoding',
    (encoding) => {
      const bytes = encodeMessage(message, encoding);
      expect(detectEncoding(bytes)).toBe(encoding);
      const decoded = decodeMessage(bytes);
      expect(decoded.encoding).toBe(encoding);
      expect(decoded.message).toEqual(message);
    },
  );

  it('writes WBXML that starts with the header real clients send (02 A4 01 6A 00)', () => {
    expect([...encodeMessage(message, 'wbxml').subarray(0, 5)]).toEqual([0x02, 0xa4, 0x01, 0x6a, 0x00]);
  });

  it('lets the content type decide over the first byte', () => {
    expect(detectEncoding(Uint8Array.of(0x3c), 'application/vnd.syncml.dm+wbxml')).toBe('wbxml');
    expect(detectEncoding(Uint8Array.of(0x02), 'application/vnd.syncml+xml; charset=utf-8')).toBe('xml');
    expect(detectEncoding(Uint8Array.of(0xef, 0xbb, 0xbf, 0x3c))).toBe('xml');
  });

  // Every WBXML capture next to its wbxml2xml copy: the same typed message, except that the
  // DevInf remembers its embedded public id (0x1203) and that the XML copy's literal CR LF
  // reads as LF (XML 1.0 2.11), where WBXML OPAQUE keeps the CR.
  const captures = '/work/shared/peers/syncevolution/captures';
  it.each([
    ['ref_session/01-req.bin', 'ref_session/01-req.xml'],
    ['ref_session/01-resp.bin', 'ref_session/01-resp.xml'],
    ['ref_session/02-req.bin', 'ref_session/02-req.xml'],
    ['ref_session/02-resp.bin', 'ref_session/02-resp.xml'],
    ['ref_session/03-req.bin', 'ref_session/03-req.xml'],
    ['ref_session/03-resp.bin', 'ref_session/03-resp.xml'],
    ['cap500/req01.body.bin', 'cap500/req01.body.xml'],
  ])('decodes SyncEvolution WBXML %s like its XML copy', (bin, xml) => {
    const fromWbxml = decodeMessage(readFileSync(`${captures}/${bin}`), {
      contentType: 'application/vnd.syncml+wbxml',
    });
    const fromXml = decodeMessage(readFileSync(`${captures}/${xml}`));
    expect(fromWbxml.encoding).toBe('wbxml');
    const comparable = (value: unknown) =>
      JSON.parse(
        JSON.stringify(value, (key, v: unknown) =>
          key === 'embeddedPublicId' ? undefined : typeof v === 'string' ? v.replace(/\r\n/g, '\n') : v,
        ),
      );
    expect(comparable(fromWbxml.message)).toEqual(comparable(fromXml.message));
  });

  it('refuses an empty body as truncated', () => {
    expect(() => decodeMessage(new Uint8Array())).toThrow(
      expect.objectContaining({ code: SyncmlErrorCodes.truncated }),
    );
  });

  it('names the content type by protocol and encoding', () => {
    expect(contentTypeFor(message, 'wbxml')).toBe('application/vnd.syncml.dm+wbxml');
    expect(contentTypeFor({ ...message, hdr: { ...message.hdr, verProto: 'SyncML/1.2' } }, 'xml')).toBe(
      'application/vnd.syncml+xml',
    );
  });
});
