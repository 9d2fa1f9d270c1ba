import { Namespaces, element, opaque, text, type SyncmlDocument } from '../tree/element';
import { Fpi, NumericPublicIds } from './public-id.table';
import { codecCase, cstr } from './wbxml-codec-case';

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
    {
      publicId: Fpi.syncml11,
      root: element('SyncML', [element('SyncBody', [element('Final')])], Namespaces.syncml11),
      wbxmlVersion: 2,
    },
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
              {
                ...element('DevInf', [element('VerDTD', [text('1.2')])], Namespaces.devinf),
                embeddedPublicId: NumericPublicIds.devinf12,
              },
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
    [
      ...[0x02, 0xa4, 0x01, 0x6a, 0x00, 0x6d, 0x6b],
      ...[0x4f, 0xc3, 0x03, 0xde, 0xad, 0xbe, 0x01],
      0x01,
      0x01,
    ], // <Data> OPAQUE len 3
  );

  codecCase(
    'a stand-alone DM DDF document uses a string-table FPI and code page 2',
    {
      publicId: Fpi.dmddf12,
      root: element(
        'MgmtTree',
        [element('VerDTD', [text('1.2')]), element('Node', [element('NodeName', [text('x')])])],
        Namespaces.dmddf12,
      ),
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
