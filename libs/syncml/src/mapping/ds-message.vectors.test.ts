import { StatusCodes } from '../codes/status.codes';
import { dmHeader, messageCase } from './message-case';

const metinf = 'xmlns="syncml:metinf"';

describe('DS 1.2 messages', () => {
  messageCase(
    'Alert Status echoes the Next anchor as Data; Sync with a CDATA vCard; Map',
    {
      hdr: { ...dmHeader, verProto: 'SyncML/1.2', respURI: 'https://sync.example.com/sync?s=a81f' },
      body: {
        commands: [
          {
            kind: 'Status',
            cmdId: '2',
            msgRef: '1',
            cmdRef: '1',
            cmd: 'Alert',
            targetRefs: ['contacts'],
            sourceRefs: ['./addressbook'],
            data: StatusCodes.ok,
            items: [{ data: { kind: 'metinf', meta: { anchor: { next: '20240308T090000Z' } } } }],
          },
          {
            kind: 'Sync',
            cmdId: '4',
            target: { locURI: './addressbook' },
            source: { locURI: 'contacts' },
            numberOfChanges: 1,
            commands: [
              {
                kind: 'Add',
                cmdId: '5',
                meta: { type: 'text/vcard' },
                items: [
                  { source: { locURI: 'srv-9f2' }, data: 'BEGIN:VCARD\r\nFN:Rick Roe\r\nEND:VCARD\r\n' },
                ],
              },
            ],
          },
          {
            kind: 'Map',
            cmdId: '6',
            target: { locURI: 'contacts' },
            source: { locURI: './addressbook' },
            mapItems: [{ target: { locURI: 'srv-9f2' }, source: { locURI: '102' } }],
          },
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
