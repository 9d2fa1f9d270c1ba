import { createEmbeddedStore, type DocumentStore } from '@dms/store';
import { ConsentAuditRepository } from '../data-access/consent-audit.repository';
import { ConsentRepository } from '../data-access/consent.repository';
import { ConsentService } from './consent.service';

const M = '491701234567';

describe('consent grants', () => {
  let store: DocumentStore;
  let now: Date;
  let consent: ConsentService;
  beforeEach(() => {
    store = createEmbeddedStore({ file: ':memory:' });
    now = new Date('2026-11-28T10:00:00.000Z');
    consent = new ConsentService(new ConsentRepository(store), new ConsentAuditRepository(store), () => now);
  });
  afterEach(async () => {
    await store.close();
  });

  it('reads not-asked for every category never decided', async () => {
    expect(await consent.check(M, 'read-diagnostics')).toEqual({ state: 'not-asked' });
    const grants = await consent.ofSubscriber(M);
    expect(grants.map((g) => [g.category, g.state])).toEqual([
      ['read-diagnostics', 'not-asked'],
      ['change-settings', 'not-asked'],
      ['install-software', 'not-asked'],
      ['update-firmware', 'not-asked'],
    ]);
  });

  it('a grant until a time lapses into not-asked at that time', async () => {
    await consent.decide({ msisdn: M, category: 'read-diagnostics', decision: 'grant', until: '2026-11-28T11:00:00Z', decidedBy: 'subscriber' });
    expect(await consent.check(M, 'read-diagnostics')).toEqual({ state: 'granted', until: '2026-11-28T11:00:00.000Z' });
    now = new Date('2026-11-28T11:00:00.000Z');
    expect(await consent.check(M, 'read-diagnostics')).toEqual({ state: 'not-asked' });
    const [grant] = await consent.ofSubscriber(M);
    expect(grant).toMatchObject({ state: 'not-asked', until: '2026-11-28T11:00:00.000Z', decidedBy: 'subscriber' });
  });

  it('a permanent grant stays; a revoke wins over it and is itself revocable by a new grant', async () => {
    await consent.decide({ msisdn: M, category: 'change-settings', decision: 'grant', decidedBy: 'api' });
    now = new Date('2036-01-01T00:00:00Z');
    expect((await consent.check(M, 'change-settings')).state).toBe('granted');
    await consent.decide({ msisdn: M, category: 'change-settings', decision: 'revoke', decidedBy: 'console:agent-7' });
    expect((await consent.check(M, 'change-settings')).state).toBe('revoked');
    await consent.decide({ msisdn: M, category: 'change-settings', decision: 'grant', decidedBy: 'subscriber' });
    expect((await consent.check(M, 'change-settings')).state).toBe('granted');
    expect((await consent.check(M, 'read-diagnostics')).state).toBe('not-asked');
  });

  it('audits every change with who, when, before and after; a repeat that changes nothing is not a change', async () => {
    await consent.decide({ msisdn: M, category: 'read-diagnostics', decision: 'grant', decidedBy: 'subscriber' });
    now = new Date('2026-11-28T10:05:00.000Z');
    await consent.decide({ msisdn: M, category: 'read-diagnostics', decision: 'grant', decidedBy: 'subscriber' });
    now = new Date('2026-11-28T10:10:00.000Z');
    await consent.decide({ msisdn: M, category: 'read-diagnostics', decision: 'revoke', decidedBy: 'console:agent-7' });
    const history = await consent.history(M);
    expect(history.map(({ _id, ...e }) => e)).toEqual([
      { msisdn: M, category: 'read-diagnostics', action: 'revoke', decidedBy: 'console:agent-7', at: '2026-11-28T10:10:00.000Z', before: { state: 'granted' }, after: { state: 'revoked' } },
      { msisdn: M, category: 'read-diagnostics', action: 'grant', decidedBy: 'subscriber', at: '2026-11-28T10:00:00.000Z', before: { state: 'not-asked' }, after: { state: 'granted' } },
    ]);
  });

  it('records a handset answer once per report without changing the stored state', async () => {
    await consent.recordHandsetAnswer(M, 'report-1', true);
    await consent.recordHandsetAnswer(M, 'report-1', true);
    await consent.recordHandsetAnswer(M, 'report-2', false);
    expect((await consent.check(M, 'read-diagnostics')).state).toBe('not-asked');
    const history = await consent.history(M);
    expect(history.map((e) => [e.action, e.decidedBy, e.reportId])).toEqual(
      expect.arrayContaining([
        ['one-off-accept', 'handset', 'report-1'],
        ['one-off-decline', 'handset', 'report-2'],
      ]),
    );
    expect(history).toHaveLength(2);
  });

  it('refuses a grant until a past time and a revoke with a time', async () => {
    await expect(consent.decide({ msisdn: M, category: 'read-diagnostics', decision: 'grant', until: '2026-11-28T09:00:00Z', decidedBy: 'api' })).rejects.toMatchObject({ code: 'DIAGNOSTICS_INVALID_REQUEST' });
    await expect(consent.decide({ msisdn: M, category: 'read-diagnostics', decision: 'revoke', until: '2027-01-01T00:00:00Z', decidedBy: 'api' })).rejects.toMatchObject({ code: 'DIAGNOSTICS_INVALID_REQUEST' });
    expect(await consent.history(M)).toEqual([]);
  });
});
