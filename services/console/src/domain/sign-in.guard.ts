import type { KeyValueStore } from '@dms/store';
import { SignInLockedError } from './console.errors';

export interface SignInGuardOptions {
  /** Failed sign-ins within the window that lock the user name. */
  maxFailures: number;
  /** Window of the failure count, and the lock's length once reached. */
  lockMs: number;
}

/**
 * Lock-out after repeated failed sign-ins, per user name (unknown names count too, so the
 * answer does not tell which names exist). Counters live in the key-value store, so every
 * console instance sees the same count (Redis in distributed mode).
 */
export class SignInGuard {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly options: SignInGuardOptions,
  ) {}

  private key(username: string): string {
    return `console:sign-in-failures:${username}`;
  }

  async assertNotLocked(username: string): Promise<void> {
    const failures = Number((await this.kv.get(this.key(username))) ?? '0');
    if (failures < this.options.maxFailures) return;
    const ttl = await this.kv.ttl(this.key(username));
    throw new SignInLockedError(ttl ?? this.options.lockMs);
  }

  async recordFailure(username: string): Promise<void> {
    const failures = await this.kv.increment(this.key(username), 1, this.options.lockMs);
    // Reaching the limit restarts the window, so the lock lasts lockMs from the last failure.
    if (failures >= this.options.maxFailures) await this.kv.expire(this.key(username), this.options.lockMs);
  }

  async clear(username: string): Promise<void> {
    await this.kv.delete(this.key(username));
  }
}
