import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { ProvCharacteristic } from './prov-document.encoder';

/**
 * Test support: Debian's libwbxml2-utils `wbxml2xml` (it knows PROV 1.0) as the independent
 * decoder of our CP documents, and a reader of the XML it prints back into characteristics.
 */
export async function wbxml2xml(wbxml: Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'prov-'));
  try {
    writeFileSync(join(dir, 'in.wbxml'), wbxml);
    await promisify(execFile)('wbxml2xml', ['-o', join(dir, 'out.xml'), join(dir, 'in.wbxml')]);
    return readFileSync(join(dir, 'out.xml'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const unescape = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The characteristics of a `<wap-provisioningdoc>` as wbxml2xml prints it (one element per line). */
export function characteristicsOf(xml: string): {
  version: string | undefined;
  characteristics: ProvCharacteristic[];
} {
  type Open = { type: string; parms: Array<[string, string]>; children: Open[] };
  const root: Open = { type: '', parms: [], children: [] };
  const stack: Open[] = [root];
  const version = /<wap-provisioningdoc version="([^"]*)"/.exec(xml)?.[1];
  for (const m of xml.matchAll(
    /<characteristic type="([^"]*)"\s*(\/?)>|<\/characteristic>|<parm name="([^"]*)" value="([^"]*)"\s*\/>/g,
  )) {
    const top = stack[stack.length - 1]!;
    if (m[0] === '</characteristic>') stack.pop();
    else if (m[1] !== undefined) {
      const c: Open = { type: m[1], parms: [], children: [] };
      top.children.push(c);
      if (m[2] !== '/') stack.push(c);
    } else top.parms.push([unescape(m[3]!), unescape(m[4]!)]);
  }
  return { version, characteristics: root.children };
}
