import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createEmbeddedStore } from './embedded.store';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const FIXTURE = path.join(__dirname, 'embedded-kill.fixture.ts');

/** Runs the writer until it has acknowledged `acks` puts, then SIGKILLs it; returns the acknowledged indexes. */
function writeUntilKilled(file: string, synchronous: 'full' | 'normal', acks: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, file, synchronous], { cwd: REPO_ROOT });
    const acknowledged: number[] = [];
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) acknowledged.push(Number(line.slice('ack '.length)));
      if (acknowledged.length >= acks) child.kill('SIGKILL');
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new TypeError(`writer exited on its own: ${stderr}`));
    });
  });
}

describe('embedded store durability', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dms-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['full', 'normal'] as const)(
    'keeps every acknowledged put when the writing process is killed (synchronous=%s)',
    async (synchronous) => {
      const file = path.join(dir, 'store.db');
      const acknowledged = await writeUntilKilled(file, synchronous, 300);

      const reopened = createEmbeddedStore({ file });
      const docs = reopened.collection<{ _id: string; i: number }>('acks');
      const stored = new Set((await docs.find({})).map((d) => d.i));
      expect(acknowledged.length).toBeGreaterThanOrEqual(300);
      for (const i of acknowledged) expect(stored.has(i)).toBe(true);
      // Writes are sequential, so what survived is a prefix without holes (the child may
      // have acknowledged a few more than we read before the kill landed).
      expect(Math.max(...stored)).toBe(stored.size - 1);
      await reopened.close();
    },
    60_000,
  );
});
