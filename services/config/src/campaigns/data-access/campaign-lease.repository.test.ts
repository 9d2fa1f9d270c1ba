import { createEmbeddedStore } from '@dms/store/src/embedded/embedded.store';
import { CampaignLeases } from './campaign-lease.repository';

describe('campaign leases', () => {
  const store = createEmbeddedStore({ file: ':memory:' });
  afterAll(() => store.close());
  let clock = 0;
  const lease = (holder: string) => new CampaignLeases(store, { leaseMs: 1000, holder, now: () => clock });

  it('lets one runner hold a campaign per period, keeps it with it while it runs, and hands it over when it stops', async () => {
    const a = lease('a');
    const b = lease('b');
    clock = 10_100;
    expect(await a.holds('c1')).toBe(true);
    expect(await b.holds('c1')).toBe(false);
    // Another campaign is free for the other runner.
    expect(await b.holds('c2')).toBe(true);
    // In the second half of the period the holder claims the next one too...
    clock = 10_600;
    expect(await a.holds('c1')).toBe(true);
    clock = 11_050;
    expect(await b.holds('c1')).toBe(false);
    expect(await a.holds('c1')).toBe(true);
    // ...so a runner that stopped asking (died) holds at most the period it claimed ahead.
    clock = 12_050;
    expect(await b.holds('c1')).toBe(true);
    expect(await a.holds('c1')).toBe(false);
  });

  it('gives a released campaign to another runner within a quarter period', async () => {
    const a = lease('a2');
    const b = lease('b2');
    clock = 20_700;
    expect(await a.holds('c3')).toBe(true);
    expect(await b.holds('c3')).toBe(false);
    await a.releaseAll();
    // The other runner asks again a quarter period later and gets it.
    clock = 20_800;
    expect(await b.holds('c3')).toBe(false);
    clock = 20_960;
    expect(await b.holds('c3')).toBe(true);
    expect(await a.holds('c3')).toBe(false);
  });
});
