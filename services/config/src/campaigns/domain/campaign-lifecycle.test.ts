import { CAMPAIGN_STATES } from './campaign.model';
import { nextState } from './campaign-lifecycle';

describe('campaign lifecycle', () => {
  it('goes draft -> running -> paused -> running -> completed', () => {
    expect(nextState('draft', 'start')).toBe('running');
    expect(nextState('running', 'pause')).toBe('paused');
    expect(nextState('paused', 'resume')).toBe('running');
    expect(nextState('running', 'complete')).toBe('completed');
  });

  it('cancels from draft, running and paused, never from a final state', () => {
    expect(nextState('draft', 'cancel')).toBe('cancelled');
    expect(nextState('running', 'cancel')).toBe('cancelled');
    expect(nextState('paused', 'cancel')).toBe('cancelled');
    expect(nextState('completed', 'cancel')).toBeUndefined();
    expect(nextState('cancelled', 'cancel')).toBeUndefined();
  });

  it('refuses every other step', () => {
    const allowed = new Set(['draft:start', 'running:pause', 'paused:resume', 'running:complete', 'draft:cancel', 'running:cancel', 'paused:cancel']);
    for (const state of CAMPAIGN_STATES)
      for (const action of ['start', 'pause', 'resume', 'cancel', 'complete'] as const)
        expect(nextState(state, action) !== undefined).toBe(allowed.has(`${state}:${action}`));
  });
});
