import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Test support: the hand-written SyncML corpus in libs/syncml/corpus (see its README.md). */
export const CorpusDir = join(__dirname, '..', '..', 'corpus');

export interface CorpusFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export function corpusFiles(): CorpusFile[] {
  return readdirSync(CorpusDir)
    .filter((name) => name.endsWith('.xml'))
    .sort()
    .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(CorpusDir, name))) }));
}
