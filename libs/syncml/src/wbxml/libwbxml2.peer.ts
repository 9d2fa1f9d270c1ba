import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Test support (imported by *.test.ts only): Debian's libwbxml2-utils as an independent
 * WBXML peer. `xml2wbxml`/`wbxml2xml` run with execFile in a private temp dir.
 */
const run = promisify(execFile);

export const LibwbxmlMissing =
  'libwbxml2-utils is not installed (xml2wbxml/wbxml2xml not on PATH): apt-get install libwbxml2-utils';

/** True when both tools can be started (a missing binary fails to spawn with ENOENT). */
export function libwbxmlInstalled(): boolean {
  return ['xml2wbxml', 'wbxml2xml'].every(
    (tool) => spawnSync(tool, ['-h'], { stdio: 'ignore' }).error === undefined,
  );
}

export class Libwbxml {
  private readonly dir = mkdtempSync(join(tmpdir(), 'libwbxml-'));
  private seq = 0;

  /** `xml2wbxml [args] -o out in`: the WBXML bytes libwbxml makes of this XML. */
  async xmlToWbxml(xml: Uint8Array | string, args: readonly string[]): Promise<Uint8Array> {
    const n = this.seq++;
    const input = join(this.dir, `${n}.xml`);
    const output = join(this.dir, `${n}.wbxml`);
    writeFileSync(input, xml);
    await run('xml2wbxml', [...args, '-o', output, input]);
    return new Uint8Array(readFileSync(output));
  }

  /** `wbxml2xml -o out in`: libwbxml's XML for these WBXML bytes. */
  async wbxmlToXml(wbxml: Uint8Array): Promise<string> {
    const n = this.seq++;
    const input = join(this.dir, `${n}.wbxml`);
    const output = join(this.dir, `${n}.xml`);
    writeFileSync(input, wbxml);
    await run('wbxml2xml', ['-o', output, input]);
    return readFileSync(output, 'utf8');
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Runs `task` over `items`, at most `limit` at a time (two cores: keep the peer processes few). */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
