/**
 * SyncML codec throughput, XML vs WBXML, on one core:
 *
 *   npx tsx test/bench/syncml.bench.ts        [BENCH_MS=1000 per measurement]
 *
 * For a typical DM client Package 1, server Package 2 and DS client init (with DevInf)
 * from libs/syncml/corpus: decode and encode at the tree level (bytes <-> SyncmlDocument)
 * and through the full path (bytes <-> typed SyncMLMessage via decodeMessage/encodeMessage),
 * in msgs/s and MB/s of the encoded form, plus WBXML size as a fraction of XML size.
 * Targets: WBXML decode >= 2x XML decode of the same message; WBXML <= 45% of XML for DM.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decodeMessage,
  decodeWbxmlDocument,
  decodeXmlDocument,
  encodeMessage,
  encodeWbxmlDocument,
  encodeXmlDocument,
} from '../../libs/syncml/src/index';

const budgetMs = Number(process.env.BENCH_MS ?? 1000);
const corpus = join(__dirname, '..', '..', 'libs', 'syncml', 'corpus');
const messages = [
  ['DM client Package 1', 'dm12-pkg1-client-initiated.xml'],
  ['DM server Package 2', 'dm12-pkg2-status-get.xml'],
  ['DS client init + DevInf', 'ds12-client-init-devinf-put-alert-200.xml'],
] as const;

interface Rate {
  perSec: number;
  mbPerSec: number;
}

function measure(bytesPerOp: number, op: () => unknown): Rate {
  for (let i = 0; i < 200; i++) op(); // warm-up: let the JIT settle
  let n = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(budgetMs) * 1_000_000n;
  let now = start;
  while (now < deadline) {
    for (let i = 0; i < 50; i++) op();
    n += 50;
    now = process.hrtime.bigint();
  }
  const secs = Number(now - start) / 1e9;
  return { perSec: n / secs, mbPerSec: (n * bytesPerOp) / secs / 1e6 };
}

const fmt = (r: Rate) =>
  `${Math.round(r.perSec).toString().padStart(7)} msg/s ${r.mbPerSec.toFixed(1).padStart(6)} MB/s`;
const utf8 = new TextEncoder();

console.log(`node ${process.version}, ${budgetMs} ms per measurement\n`);
for (const [label, file] of messages) {
  const source = decodeXmlDocument(readFileSync(join(corpus, file)));
  const xml = utf8.encode(encodeXmlDocument(source)); // compact XML, as sent on the wire
  const wbxml = encodeWbxmlDocument(source);
  const { message } = decodeMessage(xml);
  const fullXml = encodeMessage(message, 'xml');
  const fullWbxml = encodeMessage(message, 'wbxml');

  const tree = {
    xmlDecode: measure(xml.length, () => decodeXmlDocument(xml)),
    wbxmlDecode: measure(wbxml.length, () => decodeWbxmlDocument(wbxml)),
    xmlEncode: measure(xml.length, () => encodeXmlDocument(source)),
    wbxmlEncode: measure(wbxml.length, () => encodeWbxmlDocument(source)),
  };
  const full = {
    xmlDecode: measure(fullXml.length, () => decodeMessage(fullXml)),
    wbxmlDecode: measure(fullWbxml.length, () => decodeMessage(fullWbxml)),
    xmlEncode: measure(fullXml.length, () => encodeMessage(message, 'xml')),
    wbxmlEncode: measure(fullWbxml.length, () => encodeMessage(message, 'wbxml')),
  };

  console.log(`${label} (${file})`);
  console.log(
    `  size: XML ${xml.length} B (file ${readFileSync(join(corpus, file)).length} B pretty), WBXML ${wbxml.length} B`,
  );
  console.log(
    `  WBXML/XML size: ${pct(wbxml.length / xml.length)} of compact XML, full path ${pct(fullWbxml.length / fullXml.length)}`,
  );
  console.log(
    `  tree  decode  XML ${fmt(tree.xmlDecode)} | WBXML ${fmt(tree.wbxmlDecode)} | WBXML ${ratio(tree.wbxmlDecode, tree.xmlDecode)} faster`,
  );
  console.log(
    `  tree  encode  XML ${fmt(tree.xmlEncode)} | WBXML ${fmt(tree.wbxmlEncode)} | WBXML ${ratio(tree.wbxmlEncode, tree.xmlEncode)}`,
  );
  console.log(
    `  full  decode  XML ${fmt(full.xmlDecode)} | WBXML ${fmt(full.wbxmlDecode)} | WBXML ${ratio(full.wbxmlDecode, full.xmlDecode)} faster`,
  );
  console.log(
    `  full  encode  XML ${fmt(full.xmlEncode)} | WBXML ${fmt(full.wbxmlEncode)} | WBXML ${ratio(full.wbxmlEncode, full.xmlEncode)}`,
  );
  console.log('');
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
function ratio(a: Rate, b: Rate): string {
  return `${(a.perSec / b.perSec).toFixed(2)}x`;
}
