import { Namespaces, element, text } from '../tree/element';
import { Fpi } from './public-id.table';
import { ascii, cstr } from './wbxml-codec-case';
import { decodeWbxmlDocument } from './wbxml-document.decoder';

describe('WBXML decoder accepts what real peers send', () => {
  it('reads the FPI from a string table without a trailing NUL (Android DM engine)', () => {
    const doc = decodeWbxmlDocument(
      Uint8Array.from([0x02, 0x00, 0x00, 0x6a, 0x1d, ...ascii(Fpi.syncml12), 0x6d, 0x6b, 0x12, 0x01, 0x01]),
    );
    expect(doc.publicId).toBe(Fpi.syncml12);
  });

  it('reads WBXML 1.0, which has no charset field', () => {
    const doc = decodeWbxmlDocument(Uint8Array.from([0x00, 0xa4, 0x01, 0x00, 0x6d, 0x6b, 0x12, 0x01, 0x01]));
    expect(doc.wbxmlVersion).toBe(0);
    expect(doc.root.name).toBe('SyncML');
  });

  it('takes public id 0x01 (unknown) with a SyncML root as SyncML 1.2', () => {
    expect(
      decodeWbxmlDocument(Uint8Array.from([0x03, 0x01, 0x6a, 0x00, 0x6d, 0x6b, 0x12, 0x01, 0x01])).publicId,
    ).toBe(Fpi.syncml12);
  });

  it('joins STR_T, STR_I and ENTITY pieces into one text', () => {
    const bytes = [
      0x02,
      0xa4,
      0x01,
      0x6a,
      0x05,
      ...cstr('IMEI'),
      0x6d,
      0x57,
      0x83,
      0x00,
      0x03,
      ...cstr(':49'),
      0x02,
      0x30,
      0x01,
      0x01,
    ];
    expect(decodeWbxmlDocument(Uint8Array.from(bytes)).root.children).toEqual([
      element('LocURI', [text('IMEI:490')]),
    ]);
  });

  it('tracks the code page across END tokens (the page is stream state, not a stack)', () => {
    // <Meta> SWITCH 1 <Type/> END Meta, then <Version/> still on page 1 inside SyncML
    const doc = decodeWbxmlDocument(
      Uint8Array.from([0x02, 0xa4, 0x01, 0x6a, 0x00, 0x6d, 0x5a, 0x00, 0x01, 0x13, 0x01, 0x14, 0x01]),
    );
    expect(doc.root.children).toEqual([
      element('Meta', [element('Type', [], Namespaces.metinf)]),
      element('Version', [], Namespaces.metinf),
    ]);
  });

  it('reads DDF inline on code page 2 inside a DM message (Android DM clients)', () => {
    const doc = decodeWbxmlDocument(
      Uint8Array.from([
        0x02, 0xa4, 0x01, 0x6a, 0x00, 0x6d, 0x4f, 0x00, 0x02, 0x60, 0x64, 0x01, 0x01, 0x01, 0x01,
      ]),
    );
    expect(doc.root.children).toEqual([
      element('Data', [element('MgmtTree', [element('Node')], Namespaces.dmddf12)]),
    ]);
  });
});

describe('WBXML decoder charsets', () => {
  it('reads ISO-8859-1 strings when the charset says 4 (older phones)', () => {
    const doc = decodeWbxmlDocument(
      Uint8Array.from([0x02, 0xa4, 0x01, 0x04, 0x00, 0x6d, 0x03, 0x4a, 0xf6, 0x72, 0x67, 0x00, 0x01]),
    );
    expect(doc.root.children).toEqual([text('Jörg')]);
  });

  it('refuses a UTF-8 string that is not valid UTF-8 as malformed at the string', () => {
    const bytes = Uint8Array.from([
      0x02, 0xa4, 0x01, 0x6a, 0x00, 0x6d, 0x03, 0x4a, 0xf6, 0x72, 0x67, 0x00, 0x01,
    ]);
    expect(() => decodeWbxmlDocument(bytes)).toThrow(
      expect.objectContaining({ code: 'SYNCML_MALFORMED', position: { offset: 7 } }),
    );
  });
});
