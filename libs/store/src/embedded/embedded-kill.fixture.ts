/*
 * Child process of embedded-durability.test.ts: writes documents as fast as it can and
 * prints "ack <i>" after each put() resolved, until it is killed.
 * Usage: node --import tsx embedded-kill.fixture.ts <file> <full|normal>
 */
import { createEmbeddedStore } from './embedded.store';

async function main(): Promise<void> {
  const [file, synchronous] = process.argv.slice(2);
  const store = createEmbeddedStore({ file: file ?? '', synchronous: synchronous === 'normal' ? 'normal' : 'full' });
  const docs = store.collection<{ _id: string; i: number; payload: string }>('acks');
  for (let i = 0; ; i++) {
    await docs.put({ _id: `d${i}`, i, payload: 'x'.repeat(200) });
    process.stdout.write(`ack ${i}\n`);
  }
}

void main();
