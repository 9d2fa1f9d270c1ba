import type { DevInf } from '../model/devinf.model';
import { element, Namespaces, text } from '../tree/element';
import { decodeXmlDocument, encodeXmlDocument } from '../xml';
import { readDevInf, writeDevInf } from './devinf.mapping';

const devInf: DevInf = {
  verDTD: '1.2',
  man: 'Example',
  fwV: '-',
  swV: '1.0',
  hwV: '-',
  devId: 'https://sync.example.com/sync',
  devTyp: 'server',
  utc: true,
  supportLargeObjs: true,
  supportNumberOfChanges: false,
  dataStores: [
    {
      sourceRef: 'contacts',
      maxGUIDSize: 64,
      rxPref: { ctType: 'text/vcard', verCT: '3.0' },
      rx: [{ ctType: 'text/x-vcard', verCT: '2.1' }],
      txPref: { ctType: 'text/vcard', verCT: '3.0' },
      tx: [],
      ctCaps: [
        {
          ctType: 'text/vcard',
          verCT: '3.0',
          properties: [
            {
              propName: 'TEL',
              valEnum: ['x'],
              dataType: 'chr',
              maxOccur: 5,
              maxSize: 40,
              noTruncate: true,
              displayName: 'Phone',
              propParams: [{ paramName: 'TYPE', valEnum: ['HOME', 'WORK'] }],
            },
          ],
        },
      ],
      dsMem: { maxId: 500 },
      supportHierarchicalSync: true,
      syncCap: { syncTypes: ['1', '2', '7'] },
      other: [element('Filter-Rx', [element('CTType', [text('syncml:filtertype-cgi')])])],
    },
  ],
  ext: [{ xNam: 'X-funambol-smartslow', xVal: [] }],
  other: [],
};

// DevInf 1.2 DTD order, including Property (PropName, DataType?, MaxOccur?, MaxSize?,
// NoTruncate?, ValEnum*, DisplayName?, PropParam*) and DataStore's DSMem before SyncCap.
const xml =
  '<DevInf xmlns="syncml:devinf"><VerDTD>1.2</VerDTD><Man>Example</Man><FwV>-</FwV><SwV>1.0</SwV><HwV>-</HwV>' +
  '<DevID>https://sync.example.com/sync</DevID><DevTyp>server</DevTyp><UTC/><SupportLargeObjs/>' +
  '<DataStore><SourceRef>contacts</SourceRef><MaxGUIDSize>64</MaxGUIDSize>' +
  '<Rx-Pref><CTType>text/vcard</CTType><VerCT>3.0</VerCT></Rx-Pref><Rx><CTType>text/x-vcard</CTType><VerCT>2.1</VerCT></Rx>' +
  '<Tx-Pref><CTType>text/vcard</CTType><VerCT>3.0</VerCT></Tx-Pref>' +
  '<CTCap><CTType>text/vcard</CTType><VerCT>3.0</VerCT><Property><PropName>TEL</PropName><DataType>chr</DataType>' +
  '<MaxOccur>5</MaxOccur><MaxSize>40</MaxSize><NoTruncate/><ValEnum>x</ValEnum><DisplayName>Phone</DisplayName>' +
  '<PropParam><ParamName>TYPE</ParamName><ValEnum>HOME</ValEnum><ValEnum>WORK</ValEnum></PropParam></Property></CTCap>' +
  '<DSMem><MaxID>500</MaxID></DSMem><SupportHierarchicalSync/><SyncCap><SyncType>1</SyncType><SyncType>2</SyncType><SyncType>7</SyncType></SyncCap>' +
  '<Filter-Rx><CTType>syncml:filtertype-cgi</CTType></Filter-Rx></DataStore>' +
  '<Ext><XNam>X-funambol-smartslow</XNam></Ext></DevInf>';

describe('DevInf mapping', () => {
  it('writes the DevInf 1.2 DTD element order', () => {
    expect(encodeXmlDocument({ publicId: '', root: writeDevInf(devInf) }, { declaration: false })).toBe(xml);
  });

  it('reads it back to the same typed DevInf', () => {
    expect(readDevInf(decodeXmlDocument(xml).root)).toEqual(devInf);
  });

  it('keeps a DevInf 1.1 style flat CTCap untyped instead of losing it', () => {
    const flat = element('CTCap', [
      element('CTType', [text('text/x-vcard')]),
      element('PropName', [text('BEGIN')]),
    ]);
    const node = element(
      'DevInf',
      [
        element('VerDTD', [text('1.1')]),
        element('DevID', [text('d')]),
        element('DevTyp', [text('phone')]),
        element('DataStore', [element('SourceRef', [text('c')]), flat]),
        flat,
      ],
      Namespaces.devinf,
    );
    const read = readDevInf(node);
    expect(read.dataStores[0]?.ctCaps).toEqual([]);
    expect(read.dataStores[0]?.other).toEqual([flat]);
    expect(read.other).toEqual([flat]);
  });

  it('refuses a DevInf without DevID', () => {
    const node = element('DevInf', [element('VerDTD', [text('1.2')]), element('DevTyp', [text('phone')])]);
    expect(() => readDevInf(node)).toThrow(/DevInf is missing DevID/);
  });
});
