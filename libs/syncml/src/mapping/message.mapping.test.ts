import { AlertCodes } from '../codes/alert.codes';
import { StatusCodes } from '../codes/status.codes';
import { element, Namespaces, opaque, text } from '../tree/element';
import { decodeXmlDocument } from '../xml';
import { documentToMessage, messageToDocument } from './message.mapping';
import { dmHeader, dmMessageXml, messageCase } from './message-case';

const metinf = 'xmlns="syncml:metinf"';

describe('DM 1.2 messages', () => {
  messageCase(
    'Package 1: basic Cred, MaxMsgSize, Alert 1201 and a DevInfo Replace (OMA DM 1.2 2.3.3)',
    {
      hdr: {
        verDTD: '1.2', verProto: 'DM/1.2', sessionId: '17', msgId: '1',
        target: { locURI: 'https://dm.example.com/dm' },
        source: { locURI: 'IMEI:490154203237518', locName: 'dmuser' },
        cred: { meta: { format: 'b64', type: 'syncml:auth-basic' }, data: 'ZG11c2VyOmRtcGFzcw==' },
        meta: { maxMsgSize: 10000 },
      },
      body: {
        commands: [
          { kind: 'Alert', cmdId: '1', data: AlertCodes.clientInitiatedMgmt, items: [] },
          { kind: 'Replace', cmdId: '2', items: [{ source: { locURI: './DevInfo/Mod' }, meta: { format: 'chr', type: 'text/plain' }, data: 'X1' }] },
        ],
        final: true,
      },
    },
    '<SyncML xmlns="SYNCML:SYNCML1.2"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>17</SessionID><MsgID>1</MsgID>' +
      '<Target><LocURI>https://dm.example.com/dm</LocURI></Target><Source><LocURI>IMEI:490154203237518</LocURI><LocName>dmuser</LocName></Source>' +
      `<Cred><Meta><Format ${metinf}>b64</Format><Type ${metinf}>syncml:auth-basic</Type></Meta><Data>ZG11c2VyOmRtcGFzcw==</Data></Cred>` +
      `<Meta><MaxMsgSize ${metinf}>10000</MaxMsgSize></Meta></SyncHdr><SyncBody>` +
      '<Alert><CmdID>1</CmdID><Data>1201</Data></Alert>' +
      `<Replace><CmdID>2</CmdID><Item><Source><LocURI>./DevInfo/Mod</LocURI></Source><Meta><Format ${metinf}>chr</Format><Type ${metinf}>text/plain</Type></Meta><Data>X1</Data></Item></Replace>` +
      '<Final/></SyncBody></SyncML>',
  );

  messageCase(
    'header Status with an MD5 challenge, Data after Chal (OMA DM 1.2 Security 5.1.3)',
    {
      hdr: dmHeader,
      body: {
        commands: [
          {
            kind: 'Status', cmdId: '1', msgRef: '1', cmdRef: '0', cmd: 'SyncHdr',
            targetRefs: ['https://dm.example.com/dm'], sourceRefs: ['IMEI:490154203237518'],
            chal: { meta: { format: 'b64', type: 'syncml:auth-md5', nextNonce: 'AQIDBAUGBwgJCgsMDQ4PEA==' } },
            data: StatusCodes.missingCredentials, items: [],
          },
        ],
        final: true,
      },
    },
    dmMessageXml(
      '<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><TargetRef>https://dm.example.com/dm</TargetRef><SourceRef>IMEI:490154203237518</SourceRef>' +
        `<Chal><Meta><Format ${metinf}>b64</Format><Type ${metinf}>syncml:auth-md5</Type><NextNonce ${metinf}>AQIDBAUGBwgJCgsMDQ4PEA==</NextNonce></Meta></Chal><Data>407</Data></Status>`,
    ),
  );

  messageCase(
    'Atomic and Sequence nest commands; Exec carries a Correlator',
    {
      hdr: dmHeader,
      body: {
        commands: [
          { kind: 'Atomic', cmdId: '3', commands: [{ kind: 'Add', cmdId: '4', items: [{ target: { locURI: './A' }, meta: { format: 'node' } }] }] },
          { kind: 'Sequence', cmdId: '5', commands: [{ kind: 'Exec', cmdId: '6', correlator: 'fw-42', items: [{ target: { locURI: './FUMO/p/DownloadAndUpdate' } }] }] },
        ],
        final: false,
      },
    },
    dmMessageXml(
      `<Atomic><CmdID>3</CmdID><Add><CmdID>4</CmdID><Item><Target><LocURI>./A</LocURI></Target><Meta><Format ${metinf}>node</Format></Meta></Item></Add></Atomic>` +
        '<Sequence><CmdID>5</CmdID><Exec><CmdID>6</CmdID><Correlator>fw-42</Correlator><Item><Target><LocURI>./FUMO/p/DownloadAndUpdate</LocURI></Target></Item></Exec></Sequence>',
      false,
    ),
  );

  messageCase(
    'Generic Alert 1226 with Meta Type, Format and Mark on the item (OMA DM 1.2 2.3.7)',
    {
      hdr: dmHeader,
      body: {
        commands: [
          {
            kind: 'Alert', cmdId: '3', data: AlertCodes.genericAlert, correlator: 'fw-job-42',
            items: [{ source: { locURI: './FUMO/pkg1/DownloadAndUpdate' }, meta: { format: 'int', type: 'org.openmobilealliance.dm.firmwareupdate.downloadandupdate', mark: 'critical' }, data: '200' }],
          },
          { kind: 'Results', cmdId: '4', msgRef: '1', cmdRef: '4', targetRefs: [], sourceRefs: [], items: [{ source: { locURI: './DevDetail/FwV' }, data: '1.0.3' }] },
        ],
        final: true,
      },
    },
    dmMessageXml(
      '<Alert><CmdID>3</CmdID><Data>1226</Data><Correlator>fw-job-42</Correlator><Item><Source><LocURI>./FUMO/pkg1/DownloadAndUpdate</LocURI></Source>' +
        `<Meta><Format ${metinf}>int</Format><Type ${metinf}>org.openmobilealliance.dm.firmwareupdate.downloadandupdate</Type><Mark ${metinf}>critical</Mark></Meta><Data>200</Data></Item></Alert>` +
        '<Results><CmdID>4</CmdID><MsgRef>1</MsgRef><CmdRef>4</CmdRef><Item><Source><LocURI>./DevDetail/FwV</LocURI></Source><Data>1.0.3</Data></Item></Results>',
    ),
  );
});

describe('DS 1.2 messages', () => {
  messageCase(
    'Alert Status echoes the Next anchor as Data; Sync with a CDATA vCard; Map',
    {
      hdr: { ...dmHeader, verProto: 'SyncML/1.2', respURI: 'https://sync.example.com/sync?s=a81f' },
      body: {
        commands: [
          {
            kind: 'Status', cmdId: '2', msgRef: '1', cmdRef: '1', cmd: 'Alert', targetRefs: ['contacts'], sourceRefs: ['./addressbook'],
            data: StatusCodes.ok, items: [{ data: { kind: 'metinf', meta: { anchor: { next: '20240308T090000Z' } } } }],
          },
          {
            kind: 'Sync', cmdId: '4', target: { locURI: './addressbook' }, source: { locURI: 'contacts' }, numberOfChanges: 1,
            commands: [{ kind: 'Add', cmdId: '5', meta: { type: 'text/vcard' }, items: [{ source: { locURI: 'srv-9f2' }, data: 'BEGIN:VCARD\r\nFN:Rick Roe\r\nEND:VCARD\r\n' }] }],
          },
          { kind: 'Map', cmdId: '6', target: { locURI: 'contacts' }, source: { locURI: './addressbook' }, mapItems: [{ target: { locURI: 'srv-9f2' }, source: { locURI: '102' } }] },
        ],
        final: true,
      },
    },
    '<SyncML xmlns="SYNCML:SYNCML1.2"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>SyncML/1.2</VerProto><SessionID>1A2B</SessionID><MsgID>2</MsgID>' +
      '<Target><LocURI>IMEI:490154203237518</LocURI></Target><Source><LocURI>https://dm.example.com/dm</LocURI></Source><RespURI>https://sync.example.com/sync?s=a81f</RespURI></SyncHdr><SyncBody>' +
      '<Status><CmdID>2</CmdID><MsgRef>1</MsgRef><CmdRef>1</CmdRef><Cmd>Alert</Cmd><TargetRef>contacts</TargetRef><SourceRef>./addressbook</SourceRef><Data>200</Data>' +
      `<Item><Data><Anchor ${metinf}><Next>20240308T090000Z</Next></Anchor></Data></Item></Status>` +
      '<Sync><CmdID>4</CmdID><Target><LocURI>./addressbook</LocURI></Target><Source><LocURI>contacts</LocURI></Source><NumberOfChanges>1</NumberOfChanges>' +
      `<Add><CmdID>5</CmdID><Meta><Type ${metinf}>text/vcard</Type></Meta><Item><Source><LocURI>srv-9f2</LocURI></Source>` +
      '<Data><![CDATA[BEGIN:VCARD]]>&#13;<![CDATA[\nFN:Rick Roe]]>&#13;<![CDATA[\nEND:VCARD]]>&#13;<![CDATA[\n]]></Data></Item></Add></Sync>' +
      '<Map><CmdID>6</CmdID><Target><LocURI>contacts</LocURI></Target><Source><LocURI>./addressbook</LocURI></Source><MapItem><Target><LocURI>srv-9f2</LocURI></Target><Source><LocURI>102</LocURI></Source></MapItem></Map>' +
      '<Final/></SyncBody></SyncML>',
  );
});

describe('mapping rules', () => {
  const invalidMessage = expect.objectContaining({ code: 'SYNCML_INVALID_MESSAGE' });

  it.each([
    ['SyncHdr', '<SyncML><SyncBody/></SyncML>', /SyncML is missing SyncHdr/],
    ['VerDTD', dmMessageXml('').replace('<VerDTD>1.2</VerDTD>', ''), /SyncHdr is missing VerDTD/],
    ['MsgID', dmMessageXml('').replace('<MsgID>2</MsgID>', ''), /SyncHdr is missing MsgID/],
    ['Status Data', dmMessageXml('<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd></Status>'), /Status 1 is missing Data/],
    ['CmdID', dmMessageXml('<Get><Item><Target><LocURI>./a</LocURI></Target></Item></Get>'), /Get is missing CmdID/],
  ])('refuses a message without %s, naming the element', (_what, xml, message) => {
    expect(() => documentToMessage(decodeXmlDocument(xml))).toThrow(invalidMessage);
    expect(() => documentToMessage(decodeXmlDocument(xml))).toThrow(message);
  });

  it('refuses a non-numeric status code', () => {
    const xml = dmMessageXml('<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><Data>OK</Data></Status>');
    expect(() => documentToMessage(decodeXmlDocument(xml))).toThrow(/Status\/Data is not a non-negative integer/);
  });

  it('keeps an unknown command whole and ignores unknown elements inside known ones', () => {
    const xml = dmMessageXml('<Frobnicate><CmdID>7</CmdID></Frobnicate><Get><CmdID>8</CmdID><Vendor/><Item><Target><LocURI>./a</LocURI></Target></Item></Get>');
    const [unknown, get] = documentToMessage(decodeXmlDocument(xml)).body.commands;
    expect(unknown).toEqual({ kind: 'Unknown', cmdId: '7', element: element('Frobnicate', [element('CmdID', [text('7')])]) });
    expect(get).toEqual({ kind: 'Get', cmdId: '8', items: [{ target: { locURI: './a' } }] });
  });

  it('trims scalar values but keeps Data text exactly', () => {
    const xml = dmMessageXml('<Replace><CmdID> 9 </CmdID><Item><Target><LocURI>\n ./a \n</LocURI></Target><Data> x </Data></Item></Replace>');
    expect(documentToMessage(decodeXmlDocument(xml)).body.commands[0]).toEqual({ kind: 'Replace', cmdId: '9', items: [{ target: { locURI: './a' }, data: ' x ' }] });
  });

  it('reads opaque WBXML data as text unless the Format is bin, and keeps non-UTF-8 bytes as bytes', () => {
    const doc = decodeXmlDocument(dmMessageXml(''));
    const item = (format: string | undefined, bytes: Uint8Array) =>
      element('Item', [...(format === undefined ? [] : [element('Meta', [element('Format', [text(format)], Namespaces.metinf)])]), element('Data', [opaque(bytes)])]);
    const replace = element('Replace', [element('CmdID', [text('3')]), item('bin', Uint8Array.of(0x41)), item('b64', Uint8Array.of(0x51, 0x51)), item(undefined, Uint8Array.of(0xff))]);
    const body = element('SyncBody', [replace]);
    const root = { ...doc.root, children: [doc.root.children[0]!, body] };
    const [command] = documentToMessage({ ...doc, root }).body.commands;
    expect(command?.kind === 'Replace' && command.items.map((it) => it.data)).toEqual([Uint8Array.of(0x41), 'QQ', Uint8Array.of(0xff)]);
  });

  it('keeps a nested MgmtTree as an element and writes it back in its Data', () => {
    const xml = dmMessageXml('<Results><CmdID>2</CmdID><CmdRef>3</CmdRef><Item><Data><MgmtTree xmlns="syncml:dmddf1.2"><VerDTD>1.2</VerDTD></MgmtTree></Data></Item></Results>');
    const message = documentToMessage(decodeXmlDocument(xml));
    const data = message.body.commands[0]?.kind === 'Results' ? message.body.commands[0].items[0]?.data : undefined;
    expect(data).toEqual(element('MgmtTree', [element('VerDTD', [text('1.2')])], 'syncml:dmddf1.2'));
    expect(documentToMessage(messageToDocument(message))).toEqual(message);
  });

  it('writes SyncML 1.1 messages in the 1.1 namespace with the 1.1 public id', () => {
    const doc = messageToDocument({ hdr: { ...dmHeader, verDTD: '1.1', verProto: 'DM/1.1' }, body: { commands: [], final: true } });
    expect(doc.root.ns).toBe(Namespaces.syncml11);
    expect(doc.publicId).toBe('-//SYNCML//DTD SyncML 1.1//EN');
  });
});
