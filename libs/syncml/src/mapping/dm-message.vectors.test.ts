import { AlertCodes } from '../codes/alert.codes';
import { StatusCodes } from '../codes/status.codes';
import { dmHeader, dmMessageXml, messageCase } from './message-case';

const metinf = 'xmlns="syncml:metinf"';

describe('DM 1.2 messages', () => {
  messageCase(
    'Package 1: basic Cred, MaxMsgSize, Alert 1201 and a DevInfo Replace (OMA DM 1.2 2.3.3)',
    {
      hdr: {
        verDTD: '1.2',
        verProto: 'DM/1.2',
        sessionId: '17',
        msgId: '1',
        target: { locURI: 'https://dm.example.com/dm' },
        source: { locURI: 'IMEI:490154203237518', locName: 'dmuser' },
        cred: { meta: { format: 'b64', type: 'syncml:auth-basic' }, data: 'ZG11c2VyOmRtcGFzcw==' },
        meta: { maxMsgSize: 10000 },
      },
      body: {
        commands: [
          { kind: 'Alert', cmdId: '1', data: AlertCodes.clientInitiatedMgmt, items: [] },
          {
            kind: 'Replace',
            cmdId: '2',
            items: [
              {
                source: { locURI: './DevInfo/Mod' },
                meta: { format: 'chr', type: 'text/plain' },
                data: 'X1',
              },
            ],
          },
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
            kind: 'Status',
            cmdId: '1',
            msgRef: '1',
            cmdRef: '0',
            cmd: 'SyncHdr',
            targetRefs: ['https://dm.example.com/dm'],
            sourceRefs: ['IMEI:490154203237518'],
            chal: { meta: { format: 'b64', type: 'syncml:auth-md5', nextNonce: 'AQIDBAUGBwgJCgsMDQ4PEA==' } },
            data: StatusCodes.missingCredentials,
            items: [],
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
          {
            kind: 'Atomic',
            cmdId: '3',
            commands: [
              { kind: 'Add', cmdId: '4', items: [{ target: { locURI: './A' }, meta: { format: 'node' } }] },
            ],
          },
          {
            kind: 'Sequence',
            cmdId: '5',
            commands: [
              {
                kind: 'Exec',
                cmdId: '6',
                correlator: 'fw-42',
                items: [{ target: { locURI: './FUMO/p/DownloadAndUpdate' } }],
              },
            ],
          },
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
            kind: 'Alert',
            cmdId: '3',
            data: AlertCodes.genericAlert,
            correlator: 'fw-job-42',
            items: [
              {
                source: { locURI: './FUMO/pkg1/DownloadAndUpdate' },
                meta: {
                  format: 'int',
                  type: 'org.openmobilealliance.dm.firmwareupdate.downloadandupdate',
                  mark: 'critical',
                },
                data: '200',
              },
            ],
          },
          {
            kind: 'Results',
            cmdId: '4',
            msgRef: '1',
            cmdRef: '4',
            targetRefs: [],
            sourceRefs: [],
            items: [{ source: { locURI: './DevDetail/FwV' }, data: '1.0.3' }],
          },
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
