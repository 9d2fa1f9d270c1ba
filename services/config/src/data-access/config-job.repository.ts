import type { DocumentCollection, DocumentStore } from '@dms/store';
import type { ConfigJob } from '../domain/device-config.model';

/** The DM jobs config asked for (`config_jobs`); claims are conditional updates, as in the gateway. */
export class ConfigJobRepository {
  private readonly collection: DocumentCollection<ConfigJob>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<ConfigJob>('config_jobs');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.ensureIndex({ fields: { state: 1, dueAt: 1 }, name: 'due' });
    await this.collection.ensureIndex({ fields: { deviceId: 1, updatedAt: -1 }, name: 'by_device' });
  }

  async get(jobId: string): Promise<ConfigJob | undefined> {
    return (await this.collection.get(jobId)) ?? undefined;
  }

  /** False when the job exists (a redelivered trigger plans nothing twice). */
  insert(job: ConfigJob): Promise<boolean> {
    return this.collection.insert(job);
  }

  due(nowIso: string, limit = 100): Promise<ConfigJob[]> {
    return this.collection.find({ state: 'scheduled', dueAt: { $lte: nowIso } }, { sort: { dueAt: 1 }, limit });
  }

  /** scheduled -> sent; false when another instance took it. */
  claimDue(jobId: string): Promise<boolean> {
    return this.collection.update(jobId, { $set: { state: 'sent', updatedAt: new Date().toISOString() } }, { where: { state: 'scheduled' } });
  }

  /** sent -> done, once; false when the completion was handled already. */
  finish(jobId: string, outcome: string): Promise<boolean> {
    return this.collection.update(
      jobId,
      { $set: { state: 'done', outcome, updatedAt: new Date().toISOString() } },
      { where: { state: 'sent' } },
    );
  }
}
