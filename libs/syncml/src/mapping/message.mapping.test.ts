import { element, Namespaces, opaque, text } from '../tree/element';
import { decodeXmlDocument } from '../xml';
import { documentToMessage, messageToDocument } from './message.mapping';
import { dmHeader, dmMessageXml } from './message-case';

describe('mapping rules', () => {
  const invalidMessage = expect.objectContaining({ code: 'SYNCML_INVALID_MESSAGE' });

  it.each([
    ['SyncHdr', '<SyncML><SyncBody/></SyncML>', /SyncML is missing SyncHdr/],
    ['VerDTD', dmMessageXml('').replace('<VerDTD>1.2</VerDTD>', ''), /SyncHdr is missing VerDTD/],
    ['MsgID', dmMessageXml('').replace('<MsgID>2</MsgID>', ''), /SyncHdr is missing MsgID/],
    [
      'Status Data',
      dmMessageXml('<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd></Status>'),
      /Status 1 is missing Data/,
    ],
    [
      'CmdID',
      dmMessageXml('<Get><Item><Target><LocURI>./a</LocURI></Target></Item></Get>'),
      /Get is missing CmdID/,
    ],
  ])('refuses a message without %s, naming the element', (_what, xml, message) => {
    expect(() => documentToMessage(decodeXmlDocument(xml))).toThrow(invalidMessage);
    expect(() => documentToMessage(decodeXmlDocument(xml))).toThrow(message);
  });

  it('refuses a non-numeric status code', () => {
    const xml = dmMessageXml(
      '<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><Data>OK</Data></Status>',
    );
    expect(() => documentToMessage(decodeXmlDocument(xml))).toThrow(
      /Status\/Data is not a non-negative integer/,
    );
  });

  it('keeps an unknown command whole and ignores unknown elements inside known ones', () => {
    const xml = dmMessageXml(
      '<Frobnicate><CmdID>7</CmdID></Frobnicate><Get><CmdID>8</CmdID><Vendor/><Item><Target><LocURI>./a</LocURI></Target></Item></Get>',
    );
    const [unknown, get] = documentToMessage(decodeXmlDocument(xml)).body.commands;
    expect(unknown).toEqual({
      kind: 'Unknown',
      cmdId: '7',
      element: element('Frobnicate', [element('CmdID', [text('7')])]),
    });
    expect(get).toEqual({ kind: 'Get', cmdId: '8', items: [{ target: { locURI: './a' } }] });
  });

  it('trims scalar values but keeps Data text exactly', () => {
    const xml = dmMessageXml(
      '<Replace><CmdID> 9 </CmdID><Item><Target><LocURI>\n ./a \n</LocURI></Target><Data> x </Data></Item></Replace>',
    );
    expect(documentToMessage(decodeXmlDocument(xml)).body.commands[0]).toEqual({
      kind: 'Replace',
      cmdId: '9',
      items: [{ target: { locURI: './a' }, data: ' x ' }],
    });
  });

  it('reads opaque WBXML data as text unless the Format is bin, and keeps non-UTF-8 bytes as bytes', () => {
    const doc = decodeXmlDocument(dmMessageXml(''));
    const item = (format: string | undefined, bytes: Uint8Array) =>
      element('Item', [
        ...(format === undefined
          ? []
          : [element('Meta', [element('Format', [text(format)], Namespaces.metinf)])]),
        element('Data', [opaque(bytes)]),
      ]);
    const replace = element('Replace', [
      element('CmdID', [text('3')]),
      item('bin', Uint8Array.of(0x41)),
      item('b64', Uint8Array.of(0x51, 0x51)),
      item(undefined, Uint8Array.of(0xff)),
    ]);
    const body = element('SyncBody', [replace]);
    const root = { ...doc.root, children: [doc.root.children[0]!, body] };
    const [command] = documentToMessage({ ...doc, root }).body.commands;
    expect(command?.kind === 'Replace' && command.items.map((it) => it.data)).toEqual([
      Uint8Array.of(0x41),
      'QQ',
      Uint8Array.of(0xff),
    ]);
  });

  it('keeps a nested MgmtTree as an element and writes it back in its Data', () => {
    const xml = dmMessageXml(
      '<Results><CmdID>2</CmdID><CmdRef>3</CmdRef><Item><Data><MgmtTree xmlns="syncml:dmddf1.2"><VerDTD>1.2</VerDTD></MgmtTree></Data></Item></Results>',
    );
    const message = documentToMessage(decodeXmlDocument(xml));
    const data =
      message.body.commands[0]?.kind === 'Results' ? message.body.commands[0].items[0]?.data : undefined;
    expect(data).toEqual(element('MgmtTree', [element('VerDTD', [text('1.2')])], 'syncml:dmddf1.2'));
    expect(documentToMessage(messageToDocument(message))).toEqual(message);
  });

  it('writes SyncML 1.1 messages in the 1.1 namespace with the 1.1 public id', () => {
    const doc = messageToDocument({
      hdr: { ...dmHeader, verDTD: '1.1', verProto: 'DM/1.1' },
      body: { commands: [], final: true },
    });
    expect(doc.root.ns).toBe(Namespaces.syncml11);
    expect(doc.publicId).toBe('-//SYNCML//DTD SyncML 1.1//EN');
  });
});
