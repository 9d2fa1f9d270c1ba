import { DmCommandCompleted } from './dm-command-completed.event';

const base = {
  jobId: 'job-1',
  deviceId: 'IMEI:490154203237518',
  correlationId: 'corr-1',
  results: [{ cmdRef: '1', verb: 'Get', target: './DevDetail/FwV', status: 200, items: [{ data: '1.0' }] }],
  completedAt: '2026-11-28T02:00:00Z',
};

describe('dm.command-completed payload', () => {
  it('accepts outcome interrupted with the answers recorded before the session ended', () => {
    const parsed = DmCommandCompleted.parse({ ...base, outcome: 'interrupted' });
    expect(parsed.outcome).toBe('interrupted');
    expect(parsed.results[0]?.status).toBe(200);
  });

  it('still accepts the outcomes of before, and refuses an unknown one', () => {
    for (const outcome of ['completed', 'partial', 'failed', 'rejected', 'expired']) {
      expect(DmCommandCompleted.safeParse({ ...base, outcome }).success).toBe(true);
    }
    expect(DmCommandCompleted.safeParse({ ...base, outcome: 'lost' }).success).toBe(false);
  });
});
