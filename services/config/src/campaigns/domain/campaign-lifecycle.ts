import type { CampaignState } from './campaign.model';

export type LifecycleAction = 'start' | 'pause' | 'resume' | 'cancel' | 'complete';

/**
 * draft -> running <-> paused; running -> completed; draft | running | paused -> cancelled.
 * completed and cancelled are final.
 */
const TRANSITIONS: Record<LifecycleAction, { from: readonly CampaignState[]; to: CampaignState }> = {
  start: { from: ['draft'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  cancel: { from: ['draft', 'running', 'paused'], to: 'cancelled' },
  complete: { from: ['running'], to: 'completed' },
};

export function transition(action: LifecycleAction): { from: readonly CampaignState[]; to: CampaignState } {
  return TRANSITIONS[action];
}

export function nextState(state: CampaignState, action: LifecycleAction): CampaignState | undefined {
  const t = TRANSITIONS[action];
  return t.from.includes(state) ? t.to : undefined;
}

export const LIFECYCLE_ACTIONS: readonly LifecycleAction[] = ['start', 'pause', 'resume', 'cancel'];
