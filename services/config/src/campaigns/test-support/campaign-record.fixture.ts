import type { CampaignRecord } from '../domain/campaign.model';

export function campaignRecord(overrides: Partial<CampaignRecord> = {}): CampaignRecord {
  return {
    _id: 'cmp-test0001',
    name: 'fixture',
    target: { kind: 'query', criteria: {} },
    action: { kind: 'apply-profile' },
    rateLimit: { perSecond: 100 },
    retry: { maxAttempts: 2, backoffMs: 1000, backoffMaxMs: 1000 },
    state: 'running',
    createdAt: '2026-11-28T00:00:00.000Z',
    updatedAt: '2026-11-28T00:00:00.000Z',
    enumeration: { cursor: null, done: true, frontier: '491700000001', enumerated: 1 },
    dispatch: { cursor: null, drained: false },
    ...overrides,
  };
}
