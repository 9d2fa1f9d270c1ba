import { decodeXmlDocument } from '../xml';
import { hex } from './wbxml-codec-case';
import { decodeWbxmlDocument } from './wbxml-document.decoder';
import { encodeWbxmlDocument } from './wbxml-document.encoder';

/**
 * The DM Package 2 worked out byte by byte in the team's WBXML fact sheet (section 7),
 * which libwbxml 0.11.8 also produces with `xml2wbxml -v 1.2 -n`.
 */
const xml = `<SyncML xmlns="SYNCML:SYNCML1.2">
 <SyncHdr>
  <VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>1A2B</SessionID><MsgID>1</MsgID>
  <Target><LocURI>IMEI:490154203237518</LocURI></Target>
  <Source><LocURI>https://dm.example.com/dm</LocURI></Source>
  <Meta><MaxMsgSize xmlns="syncml:metinf">10000</MaxMsgSize></Meta>
 </SyncHdr>
 <SyncBody>
  <Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><Data>212</Data></Status>
  <Get><CmdID>2</CmdID><Item><Target><LocURI>./DevDetail/FwV</LocURI></Target></Item></Get>
  <Final/>
 </SyncBody>
</SyncML>`;

const bytes = `
02 a4 01 6a 00 6d 6c 71 03 31 2e 32 00 01 72 03 44 4d 2f 31 2e 32 00 01 65 03
31 41 32 42 00 01 5b 03 31 00 01 6e 57 03 49 4d 45 49 3a 34 39 30 31 35 34 32
30 33 32 33 37 35 31 38 00 01 01 67 57 03 68 74 74 70 73 3a 2f 2f 64 6d 2e 65
78 61 6d 70 6c 65 2e 63 6f 6d 2f 64 6d 00 01 01 5a 00 01 4c 03 31 30 30 30 30
00 01 01 01 00 00 6b 69 4b 03 31 00 01 5c 03 31 00 01 4c 03 30 00 01 4a 03 53
79 6e 63 48 64 72 00 01 4f 03 32 31 32 00 01 01 53 4b 03 32 00 01 54 6e 57 03
2e 2f 44 65 76 44 65 74 61 69 6c 2f 46 77 56 00 01 01 01 01 12 01 01`
  .trim()
  .split(/\s+/)
  .map((b) => parseInt(b, 16));

describe('the fact sheet worked example (DM Package 2, 179 bytes)', () => {
  it('is 179 bytes', () => {
    expect(bytes).toHaveLength(179);
  });

  it('decodes to the tree of its XML', () => {
    const { root, publicId } = decodeXmlDocument(xml);
    expect(decodeWbxmlDocument(Uint8Array.from(bytes))).toEqual({ publicId, root, wbxmlVersion: 2 });
  });

  it('is what the encoder writes for that XML', () => {
    expect(hex(encodeWbxmlDocument(decodeXmlDocument(xml)))).toBe(hex(bytes));
  });
});
