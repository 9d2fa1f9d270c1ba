import { createHash, randomBytes } from 'node:crypto';
import type { KeyValueStore } from '@dms/store';
import type { Principal } from './roles';

export interface SessionOptions {
  /** A session unused this long expires (the key's TTL, renewed on each use). */
  idleTtlMs: number;
  /** A session expires this long after sign-in however much it is used. */
  maxAgeMs: number;
}

interface StoredSession {
  principal: Principal;
  createdAt: number;
}

export interface ActiveSession {
  readonly principal: Principal;
  readonly createdAt: number;
}

const digest = (token: string): string => createHash('sha256').update(token).digest('base64url');

/**
 * Sessions in the key-value store (Redis in distributed mode) so that every console instance
 * honours them. The key is a hash of the token: a dump of the store holds no usable token.
 */
export class SessionService {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly options: SessionOptions,
    private readonly now: () => number = Date.now,
  ) {}

  private key(token: string): string {
    return `console:session:${digest(token)}`;
  }

  /** A new session; the token goes to the browser (cookie) or a script (bearer), nowhere else. */
  async open(principal: Principal): Promise<{ token: string; expiresInMs: number }> {
    const token = randomBytes(32).toString('base64url');
    const stored: StoredSession = { principal, createdAt: this.now() };
    const ttl = Math.min(this.options.idleTtlMs, this.options.maxAgeMs);
    await this.kv.set(this.key(token), JSON.stringify(stored), ttl);
    return { token, expiresInMs: ttl };
  }

  /** The session of a token, renewing its idle TTL; null when unknown, expired or too old. */
  async resolve(token: string): Promise<ActiveSession | null> {
    const key = this.key(token);
    const raw = await this.kv.get(key);
    if (raw === null) return null;
    const stored = JSON.parse(raw) as StoredSession;
    const age = this.now() - stored.createdAt;
    if (age >= this.options.maxAgeMs) {
      await this.kv.delete(key);
      return null;
    }
    await this.kv.expire(key, Math.min(this.options.idleTtlMs, this.options.maxAgeMs - age));
    return stored;
  }

  async close(token: string): Promise<void> {
    await this.kv.delete(this.key(token));
  }
}
