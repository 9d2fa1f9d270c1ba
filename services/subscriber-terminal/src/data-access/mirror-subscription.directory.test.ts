import type { DocumentStore } from '@dms/store';
import { createEmbeddedStore } from '@dms/store/src/embedded/embedded.store';
import { MirrorSubscriptionDirectory } from './mirror-subscription.directory';

describe('MirrorSubscriptionDirectory', () => {
  let store: DocumentStore;
  let mirror: MirrorSubscriptionDirectory;
  beforeEach(() => {
    store = createEmbeddedStore({ file: ':memory:' });
    mirror = new MirrorSubscriptionDirectory(store, { gold: ['data', 'mms', 'volte'], basic: ['data'] });
  });
  afterEach(async () => {
    await store.close();
  });

  it('answers unknown for a subscription it never heard of, and for a plan it cannot map', async () => {
    expect(await mirror.eligibility('491700000001')).toBe('unknown');
    await mirror.apply({
      msisdn: '491700000001',
      change: 'activated',
      plan: 'mystery',
      changedAt: '2026-01-01T00:00:00Z',
    });
    expect(await mirror.eligibility('491700000001')).toBe('unknown');
  });

  it('maps the plan to services, and a deactivation to nothing allowed', async () => {
    await mirror.apply({
      msisdn: '491700000001',
      change: 'activated',
      plan: 'basic',
      changedAt: '2026-01-01T00:00:00Z',
    });
    expect(await mirror.eligibility('491700000001')).toMatchObject({
      data: true,
      mms: false,
      plan: 'basic',
      source: 'mirror',
    });
    await mirror.apply({ msisdn: '491700000001', change: 'deactivated', changedAt: '2026-01-02T00:00:00Z' });
    expect(await mirror.eligibility('491700000001')).toMatchObject({ data: false, mms: false });
  });

  it('ignores a change older than the one mirrored', async () => {
    await mirror.apply({ msisdn: '491700000001', change: 'deactivated', changedAt: '2026-01-02T00:00:00Z' });
    await mirror.apply({
      msisdn: '491700000001',
      change: 'activated',
      plan: 'gold',
      changedAt: '2026-01-01T00:00:00Z',
    });
    expect(await mirror.eligibility('491700000001')).toMatchObject({ data: false });
  });

  it('moves plan and tenant to the new number on a re-numbering', async () => {
    await mirror.apply({
      msisdn: '491700000001',
      change: 'activated',
      plan: 'gold',
      tenantId: 'acme',
      changedAt: '2026-01-01T00:00:00Z',
    });
    await mirror.apply({
      msisdn: '491700000002',
      previousMsisdn: '491700000001',
      change: 'msisdn-changed',
      changedAt: '2026-01-02T00:00:00Z',
    });
    expect(await mirror.eligibility('491700000002')).toMatchObject({
      data: true,
      mms: true,
      services: { volte: true },
      plan: 'gold',
    });
    expect(await mirror.tenantOf('491700000002')).toBe('acme');
    expect(await mirror.eligibility('491700000001')).toBe('unknown');
  });
});
