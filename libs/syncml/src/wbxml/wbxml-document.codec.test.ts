import { Namespaces, element, opaque, text, type SyncmlDocument } from '../tree/element';
import { Fpi, NumericPublicIds } from './public-id.table';
import { ascii, codecCase, cstr } from './wbxml-codec-case';
import { decodeWbxmlDocument } from './wbxml-document.decoder';
import { encodeWbxmlDocument } from './wbxml-document.encoder';

const syncml12 = (children: Parameters<typeof element>[1]): SyncmlDocument => ({
  publicId: Fpi.syncml12,
  root: element('SyncML', children, Namespaces.syncml12),
  wbxmlVersion: 2,
});

describe('WBXML document codec', () => {
  codecCase('an empty SyncBody with Final', syncml12([element('SyncBody', [element('Final')])]), [
    ...[0x02, 0xa4, 0x01, 0x6a, 0x00], // WBXML 1.2, public id 0x1201 (SyncML 1.2), UTF-8, empty string table
    0x6d, // <SyncML> (0x2D | content)
    0x6b, // <SyncBody>
    0x12, // <Final/> (no content flag, no END)
    ...[0x01, 0x01], // END SyncBody, END SyncML
  ]);

  codecCase(
    'MetInf children switch to code page 1 and back before the next page-0 start tag',
    syncml12([
      element('SyncHdr', [element('Meta', [element('MaxMsgSize', [text('10000')], Namespaces.metinf)])]),
      element('SyncBody', [element('Final')]),
    ]),
    [
      ...[0x02, 0xa4, 0x01, 0x6a, 0x00], // header
      ...[0x6d, 0x6c, 0x5a], // <SyncML><SyncHdr><Meta>
      ...[0x00, 0x01], // SWITCH_PAGE 1 (MetInf)
      0x4c, // <MaxMsgSize> (page-1 0x0C; on page 0 the same byte is CmdRef)
      ...[0x03, ...cstr('10000')], // STR_I "10000"
      ...[0x01, 0x01, 0x01], // END MaxMsgSize, Meta, SyncHdr (END needs no page switch)
      ...[0x00, 0x00], // SWITCH_PAGE 0
      ...[0x6b, 0x12, 0x01, 0x01], // <SyncBody><Final/></SyncBody></SyncML>
    ],
  );

  codecCase(
    'a SyncML 1.1 message carries public id 0x0FD3 and the 1.1 namespace',
    { publicId: Fpi.syncml11, root: element('SyncML', [element('SyncBody', [element('Final')])], Namespaces.syncml11), wbxmlVersion: 2 },
    [...[0x02, 0x9f, 0x53, 0x6a, 0x00], 0x6d, 0x6b, 0x12, 0x01, 0x01], // 0x0FD3 = 9F 53
  );

  codecCase(
    'the public id can be a string-table reference',
    syncml12([element('SyncBody', [element('Final')])]),
    [
      ...[0x02, 0x00, 0x00, 0x6a], // WBXML 1.2, public id 0 -> string table index 0, UTF-8
      ...[0x1e, ...cstr(Fpi.syncml12)], // string table: 30 bytes, the FPI and its NUL
      ...[0x6d, 0x6b, 0x12, 0x01, 0x01],
    ],
    { publicIdForm: 'string-table' },
  );

  codecCase(
    'DevInf in Data travels as an embedded WBXML document and its Meta Type as +wbxml',
    syncml12([
      element('SyncBody', [
        element('Put', [
          element('Meta', [element('Type', [text('application/vnd.syncml-devinf+xml')], Namespaces.metinf)]),
          element('Item', [
            element('Data', [
              { ...element('DevInf', [element('VerDTD', [text('1.2')])], Namespaces.devinf), embeddedPublicId: NumericPublicIds.devinf12 },
            ]),
          ]),
        ]),
      ]),
    ]),
    [
      ...[0x02, 0xa4, 0x01, 0x6a, 0x00, 0x6d, 0x6b], // header, <SyncML><SyncBody>
      ...[0x5f, 0x5a, 0x00, 0x01, 0x53], // <Put><Meta> SWITCH 1 <Type>
      ...[0x03, ...cstr('application/vnd.syncml-devinf+wbxml'), 0x01, 0x01], // STR_I, END Type, END Meta
      ...[0x00, 0x00, 0x54, 0x4f], // SWITCH 0 <Item><Data>
      ...[0xc3, 0x0e], // OPAQUE, 14 bytes:
      ...[0x02, 0xa4, 0x03, 0x6a, 0x00], //   WBXML 1.2, DevInf 1.2 (0x1203), UTF-8, no table
      ...[0x4a, 0x65, 0x03, ...cstr('1.2'), 0x01, 0x01], //   <DevInf><VerDTD>1.2</VerDTD></DevInf>
      ...[0x01, 0x01, 0x01, 0x01, 0x01], // END Data, Item, Put, SyncBody, SyncML
    ],
  );

  codecCase(
    'opaque Data stays bytes (vCard bodies, binary node values)',
    syncml12([element('SyncBody', [element('Data', [opaque(Uint8Array.from([0xde, 0xad, 0xbe]))])])]),
    [...[0x02, 0xa4, 0x01, 0x6a, 0x00, 0x6d, 0x6b], ...[0x4f, 0xc3, 0x03, 0xde, 0xad, 0xbe, 0x01], 0x01, 0x01], // <Data> OPAQUE len 3
  );

  codecCase(
    'a stand-alone DM DDF document uses a string-table FPI and code page 2',
    {
      publicId: Fpi.dmddf12,
      root: element('MgmtTree', [element('VerDTD', [text('1.2')]), element('Node', [element('NodeName', [text('x')])])], Namespaces.dmddf12),
      wbxmlVersion: 3,
    },
    [
      ...[0x03, 0x00, 0x00, 0x6a, 0x1b, ...cstr(Fpi.dmddf12)], // WBXML 1.3, FPI at table index 0 (27 bytes)
      ...[0x00, 0x02, 0x60], // SWITCH_PAGE 2, <MgmtTree> (0x20 | content)
      ...[0x77, 0x03, ...cstr('1.2'), 0x01], // <VerDTD> (0x37)
      ...[0x64, 0x66, 0x03, ...cstr('x'), 0x01, 0x01], // <Node><NodeName>x</NodeName></Node>
      0x01, // END MgmtTree
    ],
  );

  codecCase(
    'an element with no token in its namespace is a LITERAL tag named in the string table',
    syncml12([element('SyncBody', [element('X-Vendor', [text('1')])])]),
    [
      ...[0x02, 0xa4, 0x01, 0x6a, 0x09, ...cstr('X-Vendor')], // string table: "X-Vendor\0"
      ...[0x6d, 0x6b], // <SyncML><SyncBody>
      ...[0x44, 0x00], // LITERAL_C, name at table offset 0
      ...[0x03, ...cstr('1'), 0x01, 0x01, 0x01],
    ],
  );
});

describe('WBXML decoder accepts what real peers send', () => {
  it('reads the FPI from a string table without a trailing NUL (Android DM engine)', () => {
    const doc = decodeWbxmlDocument(Uint8Array.from([0x02, 0x00, 0x00, 0x6a, 0x1d, ...ascii(Fpi.syncml12), 0x6d, 0x6b, 0x12, 0x01, 0x01]));
    expect(doc.publicId).toBe(Fpi.syncml12);
  });

  it('reads WBXML 1.0, which has no charset field', () => {
    const doc = decodeWbxmlDocument(Uint8Array.from([0x00, 0xa4, 0x01, 0x00, 0x6d, 0x6b, 0x12, 0x01, 0x01]));
    expect(doc.wbxmlVersion).toBe(0);
    expect(doc.root.name).toBe('SyncML');
  });

  it('takes public id 0x01 (unknown) with a SyncML root as SyncML 1.2', () => {
    expect(decodeWbxmlDocument(Uint8Array.from([0x03, 0x01, 0x6a, 0x00, 0x6d, 0x6b, 0x12, 0x01, 0x01])).publicId).toBe(Fpi.syncml12);
  });

  it('joins STR_T, STR_I and ENTITY pieces into one text', () => {
    const bytes = [0x02, 0xa4, 0x01, 0x6a, 0x05, ...cstr('IMEI'), 0x6d, 0x57, 0x83, 0x00, 0x03, ...cstr(':49'), 0x02, 0x30, 0x01, 0x01];
    expect(decodeWbxmlDocument(Uint8Array.from(bytes)).root.children).toEqual([element('LocURI', [text('IMEI:490')])]);
  });

  it('tracks the code page across END tokens (the page is stream state, not a stack)', () => {
    // <Meta> SWITCH 1 <Type/> END Meta, then <Version/> still on page 1 inside SyncML
    const doc = decodeWbxmlDocument(Uint8Array.from([0x02, 0xa4, 0x01, 0x6a, 0x00, 0x6d, 0x5a, 0x00, 0x01, 0x13, 0x01, 0x14, 0x01]));
    expect(doc.root.children).toEqual([element('Meta', [element('Type', [], Namespaces.metinf)]), element('Version', [], Namespaces.metinf)]);
  });

  it('reads DDF inline on code page 2 inside a DM message (Android DM clients)', () => {
    const doc = decodeWbxmlDocument(Uint8Array.from([0x02, 0xa4, 0x01, 0x6a, 0x00, 0x6d, 0x4f, 0x00, 0x02, 0x60, 0x64, 0x01, 0x01, 0x01, 0x01]));
    expect(doc.root.children).toEqual([element('Data', [element('MgmtTree', [element('Node')], Namespaces.dmddf12)])]);
  });
});

describe('WBXML encoder options', () => {
  const vcard = syncml12([element('SyncBody', [element('Data', [text('BEGIN:VCARD', true)]), element('Data', [text('200')])])]);

  it('writes CDATA Data as OPAQUE and plain Data as STR_I by default', () => {
    const bytes = Array.from(encodeWbxmlDocument(vcard));
    expect(bytes.slice(7, 10)).toEqual([0x4f, 0xc3, 0x0b]);
    expect(bytes.slice(22, 24)).toEqual([0x4f, 0x03]);
  });

  it('writes every Data text as STR_I with dataAsOpaque never', () => {
    expect(Array.from(encodeWbxmlDocument(vcard, { dataAsOpaque: 'never' })).slice(7, 9)).toEqual([0x4f, 0x03]);
  });

  it('writes DevInf inline as LITERAL tags when embedding is off', () => {
    const doc = syncml12([element('Data', [element('DevInf', [], Namespaces.devinf)])]);
    const bytes = Array.from(encodeWbxmlDocument(doc, { embedDevInfAsWbxml: false }));
    expect(bytes).toEqual([0x02, 0xa4, 0x01, 0x6a, 0x07, ...cstr('DevInf'), 0x6d, 0x4f, 0x04, 0x00, 0x01, 0x01]);
  });

  it('writes WBXML 1.3 when asked', () => {
    expect(encodeWbxmlDocument(vcard, { version: 0x03 })[0]).toBe(0x03);
  });
});
