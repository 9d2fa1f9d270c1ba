import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeXmlDocument } from '../xml';
import { CorpusDir } from './corpus.fixture';
import { comparable } from './tree-equivalence';
import { decodeWbxmlDocument } from './wbxml-document.decoder';
import { encodeWbxmlDocument } from './wbxml-document.encoder';

/**
 * Real traffic: a whole SyncEvolution 2.0 DS session (client and server, WBXML) and the
 * first message of another, each with the XML libwbxml's wbxml2xml made of it.
 */
const dir = join(CorpusDir, 'captures', 'syncevolution');
const captures = readdirSync(dir)
  .filter((name) => name.endsWith('.bin'))
  .sort()
  .map((name) => ({
    name,
    wbxml: new Uint8Array(readFileSync(join(dir, name))),
    xml: readFileSync(join(dir, name.replace(/\.bin$/, '.xml'))),
  }));

describe('SyncEvolution WBXML captures', () => {
  it('are all present (6 messages of the reference session and cap500)', () => {
    expect(captures.map((c) => c.name)).toEqual([
      '01-req.bin',
      '01-resp.bin',
      '02-req.bin',
      '02-resp.bin',
      '03-req.bin',
      '03-resp.bin',
      'cap500-req01.bin',
    ]);
  });

  it.each(captures.map((c) => [c.name, c] as const))(
    '%s decodes to the content of its XML copy',
    (_name, c) => {
      const fromWbxml = decodeWbxmlDocument(c.wbxml);
      const fromXml = decodeXmlDocument(c.xml);
      expect(fromWbxml.publicId).toBe(fromXml.publicId);
      expect(comparable(fromWbxml.root)).toEqual(comparable(fromXml.root));
    },
  );

  it.each(captures.map((c) => [c.name, c] as const))(
    '%s re-encodes to the identical bytes and decodes to the same tree',
    (_name, c) => {
      const doc = decodeWbxmlDocument(c.wbxml);
      const again = encodeWbxmlDocument(doc, { version: doc.wbxmlVersion as 0x02 });
      expect(Buffer.from(again).equals(Buffer.from(c.wbxml))).toBe(true);
      expect(decodeWbxmlDocument(again)).toEqual(doc);
    },
  );

  it('finds the client DevInf as an embedded DevInf 1.2 document in the Put', () => {
    const doc = decodeWbxmlDocument(captures[0]!.wbxml);
    const text = JSON.stringify(doc.root);
    expect(text).toContain('"name":"DevInf","children"');
    expect(text).toContain('"embeddedPublicId":4611'); // 0x1203
    expect(text).toContain('application/vnd.syncml-devinf+xml');
  });
});
