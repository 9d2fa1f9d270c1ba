import { randomBytes } from 'node:crypto';
import type { KeyValueStore } from '@dms/store';
import { decodeSessionState, encodeSessionState, type SessionState } from '../domain/session-state';

/**
 * Session state in the KeyValueStore: `s:<token>` -> state JSON with the session TTL, and
 * `sx:<device>:<SessionID>` -> token for clients that ignore RespURI. Tokens are 96 random
 * bits in base64url (they ride in RespURI).
 */
export class SessionStateStore {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly ttlMs: number,
  ) {}

  newToken(): string {
    return randomBytes(12).toString('base64url');
  }

  async load(token: string): Promise<SessionState | undefined> {
    const text = await this.kv.get(`s:${token}`);
    return text === null ? undefined : decodeSessionState(text);
  }

  async tokenFor(deviceId: string, sessionId: string): Promise<string | undefined> {
    return (await this.kv.get(`sx:${deviceId}:${sessionId}`)) ?? undefined;
  }

  async save(token: string, state: SessionState, first: boolean): Promise<void> {
    await Promise.all([this.kv.set(`s:${token}`, encodeSessionState(state), this.ttlMs), first ? this.kv.set(`sx:${state.dev}:${state.sid}`, token, this.ttlMs) : undefined]);
  }

  async end(token: string, state: SessionState): Promise<void> {
    await Promise.all([this.kv.delete(`s:${token}`), this.kv.delete(`sx:${state.dev}:${state.sid}`), this.kv.delete(`lo:${token}`)]);
  }

  async isLive(token: string): Promise<boolean> {
    return (await this.kv.get(`s:${token}`)) !== null;
  }

  /** Chunks of an incoming large object, kept beside the state (not in it: the state stays small). */
  async appendChunk(token: string, chunk: Buffer): Promise<number> {
    const key = `lo:${token}`;
    const prev = (await this.kv.getBuffer(key)) ?? Buffer.alloc(0);
    const next = Buffer.concat([prev, chunk]);
    await this.kv.set(key, next, this.ttlMs);
    return next.byteLength;
  }

  async takeChunks(token: string): Promise<Buffer> {
    const key = `lo:${token}`;
    const value = (await this.kv.getBuffer(key)) ?? Buffer.alloc(0);
    await this.kv.delete(key);
    return value;
  }
}
