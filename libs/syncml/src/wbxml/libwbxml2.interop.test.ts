import type { ElementNode, SyncmlDocument, TreeNode } from '../tree/element';
import { decodeXmlDocument } from '../xml';
import { corpusFiles, type CorpusFile } from './corpus.fixture';
import { Libwbxml, LibwbxmlMissing, libwbxmlInstalled, mapLimited } from './libwbxml2.peer';
import { Fpi } from './public-id.table';
import { comparable } from './tree-equivalence';
import { decodeWbxmlDocument } from './wbxml-document.decoder';
import { encodeWbxmlDocument, type WbxmlEncodeOptions } from './wbxml-document.encoder';

/**
 * Interop with an independent implementation (Debian libwbxml2-utils 0.11.8), over the
 * whole corpus: (a) libwbxml's WBXML decodes with our decoder to the tree our XML decoder
 * makes of the same file; (b) our WBXML, decoded by libwbxml's wbxml2xml, is that tree again.
 * libwbxml writes DDF inside a SyncML message as LITERAL tags, which carry no namespace,
 * so namespaces are not compared below MgmtTree.
 */
const looseNs = ['MgmtTree'];
const files = corpusFiles();
const xml2wbxmlVariants: readonly (readonly string[])[] = [['-v', '1.2'], [], ['-v', '1.2', '-n'], ['-n']];
const encoderVariants: readonly WbxmlEncodeOptions[] = [
  {},
  { version: 0x03, publicIdForm: 'string-table' },
  { dataAsOpaque: 'never' },
  { dataAsOpaque: 'add-replace', version: 0x03 },
];

// libwbxml cannot write LITERAL tags without a string table: `-n` refuses DDF in a message.
const usesLiterals = (file: CorpusFile) => Buffer.from(file.bytes).includes('<MgmtTree');

/** wbxml2xml reads DDF only as an embedded document, not on a code page: mark MgmtTree for embedding. */
function embedDdf(node: ElementNode): ElementNode {
  const children = node.children.map((c: TreeNode) => (c.kind === 'element' ? embedDdf(c) : c));
  return node.name === 'MgmtTree'
    ? { ...node, children, embeddedPublicId: Fpi.dmddf12 }
    : { ...node, children };
}

describe('WBXML interop with libwbxml2 (xml2wbxml / wbxml2xml)', () => {
  let peer: Libwbxml;
  beforeAll(() => {
    if (!libwbxmlInstalled()) throw new TypeError(LibwbxmlMissing);
    peer = new Libwbxml();
  });
  afterAll(() => peer?.dispose());

  it('has a corpus of at least 30 messages', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it('decodes xml2wbxml output of every corpus file (WBXML 1.2 and 1.3, with and without string table) to the XML tree', async () => {
    const jobs = files.flatMap((file) =>
      xml2wbxmlVariants
        .filter((args) => !(args.includes('-n') && usesLiterals(file)))
        .map((args) => ({ file, args })),
    );
    const mismatches = await mapLimited(jobs, 4, async ({ file, args }) => {
      const expected = decodeXmlDocument(file.bytes);
      const wbxml = await peer.xmlToWbxml(file.bytes, args);
      const actual = decodeWbxmlDocument(wbxml);
      const same =
        actual.publicId === expected.publicId &&
        actual.wbxmlVersion === (args.includes('1.2') ? 2 : 3) &&
        JSON.stringify(comparable(actual.root, looseNs)) ===
          JSON.stringify(comparable(expected.root, looseNs));
      return same ? undefined : `${file.name} xml2wbxml ${args.join(' ')}`;
    });
    expect(mismatches.filter((m) => m !== undefined)).toEqual([]);
    expect(jobs.length).toBeGreaterThan(files.length * 3);
  }, 60_000);

  it('writes WBXML that wbxml2xml reads back as the same tree, for every corpus file and encoder option set', async () => {
    const jobs = files.flatMap((file) => encoderVariants.map((options) => ({ file, options })));
    const mismatches = await mapLimited(jobs, 4, async ({ file, options }) => {
      const original: SyncmlDocument = decodeXmlDocument(file.bytes);
      const wbxml = encodeWbxmlDocument({ ...original, root: embedDdf(original.root) }, options);
      const back = decodeXmlDocument(await peer.wbxmlToXml(wbxml));
      const same =
        JSON.stringify(comparable(back.root, looseNs)) === JSON.stringify(comparable(original.root, looseNs));
      return same ? undefined : `${file.name} ${JSON.stringify(options)}`;
    });
    expect(mismatches.filter((m) => m !== undefined)).toEqual([]);
  }, 60_000);

  it('agrees byte for byte with xml2wbxml -v 1.2 -n with the libwbxml OPAQUE choice (except CRLF-rewritten vObjects and DDF literals)', async () => {
    const plain = files.filter((f) => !usesLiterals(f) && !Buffer.from(f.bytes).includes('CDATA'));
    const differing = await mapLimited(plain, 4, async (file) => {
      const theirs = await peer.xmlToWbxml(file.bytes, ['-v', '1.2', '-n']);
      const ours = encodeWbxmlDocument(decodeXmlDocument(file.bytes), { dataAsOpaque: 'add-replace' });
      return Buffer.compare(Buffer.from(theirs), Buffer.from(ours)) === 0 ? undefined : file.name;
    });
    expect(plain.length).toBeGreaterThan(15);
    expect(differing.filter((d) => d !== undefined)).toEqual([]);
  }, 60_000);
});
