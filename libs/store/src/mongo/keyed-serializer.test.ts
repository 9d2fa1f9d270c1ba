import { KeyedSerializer } from './keyed-serializer';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedSerializer', () => {
  it('runs work of one key one at a time, in arrival order, even when some fail', async () => {
    const serializer = new KeyedSerializer();
    const log: string[] = [];
    const job = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await tick(5);
      log.push(`end ${name}`);
      if (fail) throw new RangeError(name);
      return name;
    };
    const results = await Promise.allSettled([serializer.run('k', job('a')), serializer.run('k', job('b', true)), serializer.run('k', job('c'))]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(serializer.pendingKeys).toBe(0);
  });

  it('runs different keys in parallel', async () => {
    const serializer = new KeyedSerializer();
    let running = 0;
    let most = 0;
    const job = async () => {
      running += 1;
      most = Math.max(most, running);
      await tick(10);
      running -= 1;
    };
    await Promise.all(['a', 'b', 'c'].map((key) => serializer.run(key, job)));
    expect(most).toBe(3);
  });
});
