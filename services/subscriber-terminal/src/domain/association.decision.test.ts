import { decideAssociation } from './association.decision';
import type { AssociationRecord, SubscriberRecord } from './subscriber-terminal.model';

const subscriber = (imei: string, since: string, currentAssociationId = 'e1'): SubscriberRecord => ({
  _id: '491701234567',
  msisdn: '491701234567',
  imsi: '262011234567890',
  attributes: {},
  eligibility: 'unknown',
  lastSeenAt: since,
  createdAt: since,
  updatedAt: since,
  terminal: { imei, tac: imei.slice(0, 8) },
  currentAssociationId,
  currentSince: since,
});
const entry = (id: string, to: string | null): AssociationRecord => ({
  _id: id,
  msisdn: '491701234567',
  imsi: '262011234567890',
  imei: '35693803564380',
  from: '2026-01-01T00:00:00Z',
  to,
  sourceEventId: id,
});
const A = '35693803564380';
const B = '35290611234567';

describe('decideAssociation', () => {
  it('attaches the first handset of an unknown subscriber', () => {
    expect(
      decideAssociation({ eventId: 'e1', imei: A, observedAt: '2026-01-01T00:00:00Z' }, null, null),
    ).toBe('attach');
  });
  it('attaches when the subscriber moves to another handset', () => {
    expect(
      decideAssociation(
        { eventId: 'e2', imei: B, observedAt: '2026-01-02T00:00:00Z' },
        subscriber(A, '2026-01-01T00:00:00Z'),
        null,
      ),
    ).toBe('attach');
  });
  it('treats another event naming the current handset as a duplicate', () => {
    expect(
      decideAssociation(
        { eventId: 'e9', imei: A, observedAt: '2026-01-03T00:00:00Z' },
        subscriber(A, '2026-01-01T00:00:00Z'),
        null,
      ),
    ).toBe('same-terminal');
  });
  it('resumes a redelivery whose association is the current one', () => {
    expect(
      decideAssociation(
        { eventId: 'e1', imei: A, observedAt: '2026-01-01T00:00:00Z' },
        subscriber(A, '2026-01-01T00:00:00Z', 'e1'),
        entry('e1', null),
      ),
    ).toBe('resume');
  });
  it('finishes an attach a crash interrupted after the history entry was written', () => {
    expect(
      decideAssociation(
        { eventId: 'e2', imei: B, observedAt: '2026-01-02T00:00:00Z' },
        subscriber(A, '2026-01-01T00:00:00Z', 'e1'),
        entry('e2', null),
      ),
    ).toBe('attach');
  });
  it('ignores a redelivery of an association that has since been closed', () => {
    expect(
      decideAssociation(
        { eventId: 'e1', imei: A, observedAt: '2026-01-01T00:00:00Z' },
        subscriber(B, '2026-01-02T00:00:00Z', 'e2'),
        entry('e1', '2026-01-02T00:00:00Z'),
      ),
    ).toBe('stale');
  });
  it('ignores a late duplicate older than the current association', () => {
    expect(
      decideAssociation(
        { eventId: 'e1-copy', imei: A, observedAt: '2026-01-01T00:00:00Z' },
        subscriber(B, '2026-01-02T00:00:00Z', 'e2'),
        null,
      ),
    ).toBe('stale');
  });
});
