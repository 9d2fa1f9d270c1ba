import { createMemoryKeyValueStore } from '@dms/store';
import { SessionService } from './session.service';

const principal = { username: 'carl', role: 'customer-care' as const };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('console sessions in the key-value store', () => {
  it('resolves an open session and forgets it after sign-out', async () => {
    const kv = createMemoryKeyValueStore();
    const sessions = new SessionService(kv, { idleTtlMs: 60_000, maxAgeMs: 120_000 });
    const { token } = await sessions.open(principal);

    expect((await sessions.resolve(token))?.principal).toEqual(principal);
    await sessions.close(token);
    expect(await sessions.resolve(token)).toBeNull();
    await kv.close();
  });

  it('expires a session left unused for the idle time, and renews one that is used', async () => {
    const kv = createMemoryKeyValueStore();
    const sessions = new SessionService(kv, { idleTtlMs: 150, maxAgeMs: 60_000 });
    const idle = await sessions.open(principal);
    const used = await sessions.open(principal);
    for (let i = 0; i < 4; i++) {
      await sleep(60);
      expect(await sessions.resolve(used.token)).not.toBeNull();
    }

    expect(await sessions.resolve(idle.token)).toBeNull();
    await kv.close();
  });

  it('expires a session at its maximum age however much it is used', async () => {
    const kv = createMemoryKeyValueStore();
    let now = 1_000_000;
    const sessions = new SessionService(kv, { idleTtlMs: 60_000, maxAgeMs: 300_000 }, () => now);
    const { token } = await sessions.open(principal);
    now += 299_000;
    expect(await sessions.resolve(token)).not.toBeNull();
    now += 1_000;

    expect(await sessions.resolve(token)).toBeNull();
    await kv.close();
  });

  it('keeps no usable token in the store: keys are hashes of the tokens', async () => {
    const kv = createMemoryKeyValueStore();
    const sessions = new SessionService(kv, { idleTtlMs: 60_000, maxAgeMs: 60_000 });
    const { token } = await sessions.open(principal);

    expect(await kv.get(`console:session:${token}`)).toBeNull();
    expect(await sessions.resolve('x'.repeat(43))).toBeNull();
    await kv.close();
  });
});
