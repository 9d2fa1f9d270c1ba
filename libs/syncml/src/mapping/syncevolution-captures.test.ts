import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, ItemCommand } from '../model/command.model';
import type { DevInfData } from '../model/item.model';
import { decodeXmlDocument, encodeXmlDocument } from '../xml';
import { documentToMessage, messageToDocument } from './message.mapping';

// Real traffic between SyncEvolution 2.0 and its server (see /work/shared/peers/README.md).
const capturesDir = '/work/shared/peers/syncevolution/captures';

function xmlCaptures(): string[] {
  if (!existsSync(capturesDir)) return [];
  return readdirSync(capturesDir).flatMap((dir) =>
    readdirSync(join(capturesDir, dir))
      .map((file) => join(capturesDir, dir, file))
      // cap200xml's body.bin is itself XML (the client was in XML mode).
      .filter(
        (path) =>
          path.endsWith('.xml') ||
          (path.endsWith('.bin') && readFileSync(path).subarray(0, 5).toString() === '<?xml'),
      ),
  );
}

const captures = xmlCaptures();

describe('SyncEvolution captures', () => {
  it('are present on this machine', () => {
    expect(captures.length).toBeGreaterThanOrEqual(8);
  });

  it.each(captures)('%s maps to a typed message and back to XML that decodes to the same model', (path) => {
    const message = documentToMessage(decodeXmlDocument(readFileSync(path)));
    const xml = encodeXmlDocument(messageToDocument(message), { pretty: true });
    expect(documentToMessage(decodeXmlDocument(xml))).toEqual(message);
  });
});

describe('SyncEvolution first request (ref_session/01-req.xml)', () => {
  const path = join(capturesDir, 'ref_session', '01-req.xml');
  const message = documentToMessage(decodeXmlDocument(readFileSync(path)));

  it('carries an MD5 Cred and the client limits in the header', () => {
    expect(message.hdr).toMatchObject({
      verDTD: '1.2',
      verProto: 'SyncML/1.2',
      source: { locURI: 'syncevo-test-0001', locName: 'testuser' },
      cred: { meta: { format: 'b64', type: 'syncml:auth-md5' }, data: 'HP2PF6JqedRoyOM+7vUnMQ==' },
      meta: { maxMsgSize: 150000, maxObjSize: 4000000 },
    });
  });

  it('types the DevInf of the Put with both datastores and their CTCaps', () => {
    const put = message.body.commands.find(
      (command: Command): command is ItemCommand => command.kind === 'Put',
    );
    const data = put?.items[0]?.data as DevInfData;
    expect(data.kind).toBe('devinf');
    expect(data.devInf).toMatchObject({
      man: 'Patrick Ohly',
      devId: 'syncevo-test-0001',
      devTyp: 'workstation',
      utc: true,
      supportLargeObjs: true,
    });
    expect(data.devInf.dataStores.map((store) => store.sourceRef)).toEqual(['./addressbook', './calendar']);
    expect(data.devInf.dataStores[0]?.rxPref).toEqual({ ctType: 'text/vcard', verCT: '3.0' });
    expect(data.devInf.dataStores[0]?.ctCaps.length).toBeGreaterThan(0);
  });

  it('reads each Alert with its sync code and anchors', () => {
    const alerts = message.body.commands.filter((command) => command.kind === 'Alert');
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      expect([200, 201]).toContain(alert.data);
      expect(alert.items[0]?.meta?.anchor?.next).toEqual(expect.any(String));
    }
  });
});

describe('SyncEvolution server answer (ref_session/01-resp.xml)', () => {
  const message = documentToMessage(
    decodeXmlDocument(readFileSync(join(capturesDir, 'ref_session', '01-resp.xml'))),
  );

  it('challenges with 212 and a NextNonce for the next session in the header Status', () => {
    expect(message.body.commands[0]).toMatchObject({
      kind: 'Status',
      cmd: 'SyncHdr',
      cmdRef: '0',
      data: 212,
      chal: { meta: { type: 'syncml:auth-md5', format: 'b64', nextNonce: 'XEQqQmAkISE=' } },
    });
  });

  it('echoes the client Next anchor as MetInf data in each Alert Status', () => {
    const alertStatuses = message.body.commands.filter(
      (command) => command.kind === 'Status' && command.cmd === 'Alert',
    );
    expect(alertStatuses).toHaveLength(2);
    for (const status of alertStatuses) {
      expect(status.kind === 'Status' && status.items[0]?.data).toEqual({
        kind: 'metinf',
        meta: { anchor: { next: '20261128T001631Z' } },
      });
    }
  });

  it('types the server DevInf in the Results for the client Get', () => {
    const results = message.body.commands.find((command) => command.kind === 'Results');
    const data = results?.kind === 'Results' ? results.items[0]?.data : undefined;
    expect(data).toMatchObject({ kind: 'devinf', devInf: { verDTD: '1.2', devTyp: expect.any(String) } });
  });
});
