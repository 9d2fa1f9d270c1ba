import type { DocumentCollection, DocumentStore, Update } from '@dms/store';
import type { Job, JobState } from '../domain/job.model';

/** The per-device command queue (collection `dm_jobs`). Claims are conditional updates (no transactions needed). */
export class JobRepository {
  private readonly collection: DocumentCollection<Job>;

  constructor(store: DocumentStore) {
    this.collection = store.collection<Job>('dm_jobs');
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.ensureIndex({ fields: { deviceId: 1, state: 1, rank: -1, requestedAt: 1 }, name: 'queue' });
    await this.collection.ensureIndex({ fields: { state: 1, expiresAt: 1 }, name: 'expiry' });
  }

  /** False when a job with this id exists (a redelivered request changes nothing). */
  insert(job: Job): Promise<boolean> {
    return this.collection.insert(job);
  }

  async get(jobId: string): Promise<Job | undefined> {
    return (await this.collection.get(jobId)) ?? undefined;
  }

  /** Queued first by priority, then by age. */
  queued(deviceId: string, limit = 10): Promise<Job[]> {
    return this.collection.find({ deviceId, state: 'queued' }, { sort: { rank: -1, requestedAt: 1 }, limit });
  }

  running(deviceId: string): Promise<Job[]> {
    return this.collection.find({ deviceId, state: 'running' }, { limit: 50 });
  }

  expiredQueued(nowIso: string, limit = 100): Promise<Job[]> {
    return this.collection.find({ state: 'queued', expiresAt: { $lte: nowIso } }, { limit });
  }

  /** queued -> running, bound to the session; false when another session (or instance) claimed it first. */
  claim(jobId: string, session: string, sessionId: string): Promise<boolean> {
    return this.collection.update(jobId, { $set: { state: 'running', session, sessionId } }, { where: { state: 'queued' } });
  }

  /** Records answers only while the job is still bound to this session. */
  record(jobId: string, session: string, set: Record<string, unknown>): Promise<boolean> {
    return this.collection.update(jobId, { $set: set }, { where: { state: 'running', session } });
  }

  /** Ends the job once: from `from` (and, for running jobs, this session) to a final state. */
  finish(jobId: string, from: JobState, to: JobState, session?: string): Promise<boolean> {
    const update: Update = { $set: { state: to, endedAt: new Date().toISOString() } };
    return this.collection.update(jobId, update, { where: session === undefined ? { state: from } : { state: from, session } });
  }

  forDevice(deviceId: string, limit: number): Promise<Job[]> {
    return this.collection.find({ deviceId }, { sort: { requestedAt: -1 }, limit });
  }
}
