import type { DocumentCollection, DocumentStore, Filter, Update } from '@dms/store';
import type { RolloutRecord, TargetRecord } from './rollout.model';

/** Rollouts (`firmware_rollouts`) and their handsets (`firmware_rollout_targets`). */
export class RolloutRepository {
  readonly rollouts: DocumentCollection<RolloutRecord>;
  readonly targets: DocumentCollection<TargetRecord>;

  constructor(store: DocumentStore) {
    this.rollouts = store.collection<RolloutRecord>('firmware_rollouts');
    this.targets = store.collection<TargetRecord>('firmware_rollout_targets');
  }

  async ensureIndexes(): Promise<void> {
    await this.rollouts.ensureIndex({ fields: { state: 1 }, name: 'by_state' });
    await this.targets.ensureIndex({ fields: { rolloutId: 1, state: 1, order: 1 }, name: 'by_rollout_state_order' });
  }

  async get(rolloutId: string): Promise<RolloutRecord | undefined> {
    return (await this.rollouts.get(rolloutId)) ?? undefined;
  }

  /** Changes a rollout only while it is in `state` (two ticks or an API call racing a tick: one wins). */
  move(rolloutId: string, state: RolloutRecord['state'], update: Update): Promise<boolean> {
    return this.rollouts.update(rolloutId, update, { where: { state } });
  }

  active(): Promise<RolloutRecord[]> {
    return this.rollouts.find({ state: { $in: ['enumerating', 'running'] } }, { limit: 100 });
  }

  list(filter: Filter = {}, limit = 100): Promise<RolloutRecord[]> {
    return this.rollouts.find(filter, { sort: { createdAt: -1 }, limit });
  }
}
