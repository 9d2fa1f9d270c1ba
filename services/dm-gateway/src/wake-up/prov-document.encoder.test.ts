import { characteristicsOf, wbxml2xml } from './prov-wbxml.peer';
import { encodeProvisioningDocument, type ProvCharacteristic } from './prov-document.encoder';

// notification-bootstrap.md 3.1, and 6.4: the same document as libwbxml 0.11.8 `xml2wbxml -n` encodes it.
const factSheetDocument: ProvCharacteristic = {
  type: 'APPLICATION',
  parms: [
    ['APPID', 'w7'],
    ['PROVIDER-ID', 'com.example.dms'],
    ['NAME', 'Example DM'],
  ],
  children: [
    {
      type: 'APPADDR',
      parms: [
        ['ADDR', 'https://dm.example.com/dm'],
        ['ADDRTYPE', 'URI'],
      ],
      children: [{ type: 'PORT', parms: [['PORTNBR', '443']], children: [] }],
    },
    {
      type: 'APPAUTH',
      parms: [
        ['AAUTHLEVEL', 'APPSRV'],
        ['AAUTHTYPE', 'DIGEST'],
        ['AAUTHNAME', 'dmclient01'],
        ['AAUTHSECRET', 'clientSecret'],
        ['AAUTHDATA', 'AQIDBAUGBwgJCgsMDQ4PEA=='],
      ],
      children: [],
    },
    {
      type: 'APPAUTH',
      parms: [
        ['AAUTHLEVEL', 'CLIENT'],
        ['AAUTHTYPE', 'DIGEST'],
        ['AAUTHNAME', 'com.example.dms'],
        ['AAUTHSECRET', 'serverSecret'],
        ['AAUTHDATA', 'Dx4tPEtaaXiHlqW0w9Lh8A=='],
      ],
      children: [],
    },
  ],
};

const libwbxmlBytes = Buffer.from(
  '030b6a00c54503312e310001c600015501873600000603773700018700013800000603636f6d2e6578616d706c652e646d730001870706034578616d706c6520444d0001c60001560187340000060368747470733a2f2f646d2e6578616d706c652e636f6d2f646d000187000135000006035552490001c653018723060334343300010101c600015701873000000600018d01873300000600019301873100000603646d636c69656e74303100018700013200000603636c69656e7453656372657400018700012f0000060341514944424155474277674a4367734d4451345045413d3d000101c600015701873000000603434c49454e5400018700013300000600019301873100000603636f6d2e6578616d706c652e646d730001870001320000060373657276657253656372657400018700012f000006034478347450457461615869486c71573077394c6838413d3d0001010101',
  'hex',
);

describe('encodeProvisioningDocument (OMA CP, PROV 1.0 WBXML)', () => {
  it('writes the w7 document so that wbxml2xml reads back every characteristic and parm in order', async () => {
    const wbxml = encodeProvisioningDocument([factSheetDocument]);
    const decoded = characteristicsOf(await wbxml2xml(wbxml));
    expect(decoded.version).toBe('1.1');
    expect(decoded.characteristics).toEqual([factSheetDocument]);
  });

  it('means what libwbxml means: both encodings of the fact-sheet document decode to the same tree', async () => {
    expect(characteristicsOf(await wbxml2xml(libwbxmlBytes))).toEqual(
      characteristicsOf(await wbxml2xml(encodeProvisioningDocument([factSheetDocument]))),
    );
  });

  it('starts with the PROV 1.0 header and switches the attribute page once for the OMA tokens', () => {
    const wbxml = encodeProvisioningDocument([{ type: 'APPLICATION', parms: [['APPID', 'w7']] }]);
    // 03 = WBXML 1.3, 0B = PROV 1.0, 6A = UTF-8, 00 = no string table;
    // C5 45 03 "1.1" 00 01 = <wap-provisioningdoc version="1.1">;
    // C6 00 01 55 01 = <characteristic type="APPLICATION"> after SWITCH_PAGE to attribute page 1;
    // 87 36 06 03 "w7" 00 01 = <parm name="APPID" value="w7"/>; 01 01 = two ENDs.
    expect(Buffer.from(wbxml).toString('hex')).toBe(
      '030b6a00' + 'c54503312e310001' + 'c600015501' + '87360603773700' + '01' + '0101',
    );
  });

  it('writes names and types without a token, and non-ASCII values, as inline strings', async () => {
    const vendor: ProvCharacteristic = {
      type: 'APPLICATION',
      parms: [
        ['APPID', 'w7'],
        ['INIT', ''],
        ['NAME', 'Opérateur DM <test> & "quotes"'],
      ],
      children: [{ type: 'x-vendor', parms: [['PROTOVER', '1.2']], children: [] }],
    };
    expect(characteristicsOf(await wbxml2xml(encodeProvisioningDocument([vendor]))).characteristics).toEqual([
      vendor,
    ]);
  });

  it('refuses a value with NUL, which an inline string cannot carry', () => {
    expect(() => encodeProvisioningDocument([{ type: 'APPLICATION', parms: [['NAME', 'a\0b']] }])).toThrow(
      'NUL',
    );
  });
});
