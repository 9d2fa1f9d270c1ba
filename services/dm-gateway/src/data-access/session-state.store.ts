import { randomBytes } from 'node:crypto';
import type { KeyValueStore } from '@dms/store';
import { decodeSessionState, encodeSessionState, type SessionState } from '../domain/session-state';
import type { LiveSessionIndex } from './live-session.index';

/** How long the claim on a session's end report holds (a sweeper that died after claiming is retried after it). */
const REPORT_CLAIM_MS = 3_600_000;

/**
 * Session state in the KeyValueStore: `s:<token>` -> state JSON, over after the session TTL
 * (`x` in the state) but kept a grace period longer for the expiry sweep, and
 * `sx:<device>:<SessionID>` -> token for clients that ignore RespURI. Tokens are 96 random
 * bits in base64url (they ride in RespURI). `sc:<token>` claims the one end report of a
 * session (normal end or sweep, whichever instance comes first). Started sessions are
 * listed in the LiveSessionIndex.
 */
export class SessionStateStore {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly ttlMs: number,
    private readonly index: LiveSessionIndex,
    private readonly graceMs: number,
  ) {}

  newToken(): string {
    return randomBytes(12).toString('base64url');
  }

  /** The live state, or undefined when the session ended or expired. */
  async load(token: string): Promise<SessionState | undefined> {
    const state = await this.loadLast(token);
    return state === undefined || (state.x !== undefined && state.x <= Date.now()) ? undefined : state;
  }

  /** The last saved state even past its expiry (within the grace period): for the expiry sweep. */
  async loadLast(token: string): Promise<SessionState | undefined> {
    const text = await this.kv.get(`s:${token}`);
    return text === null ? undefined : decodeSessionState(text);
  }

  async tokenFor(deviceId: string, sessionId: string): Promise<string | undefined> {
    return (await this.kv.get(`sx:${deviceId}:${sessionId}`)) ?? undefined;
  }

  async save(token: string, state: SessionState, first: boolean): Promise<void> {
    state.x = Date.now() + this.ttlMs;
    const keep = this.ttlMs + this.graceMs;
    await Promise.all([
      this.kv.set(`s:${token}`, encodeSessionState(state), keep),
      first ? this.kv.set(`sx:${state.dev}:${state.sid}`, token, keep) : undefined,
      first ? this.index.add(token, state, state.x) : undefined,
    ]);
  }

  /**
   * A session ended normally: claims its report (the sweep will not report it again) and
   * forgets it. `saved` = an earlier message saved it (so it is in the index).
   */
  async end(token: string, state: SessionState, saved: boolean): Promise<void> {
    if (saved) await this.claimReport(token);
    await Promise.all([this.forget(token, state), saved ? this.index.remove(token) : undefined]);
  }

  /** True for the one caller (any instance) that may report how the session ended. */
  claimReport(token: string): Promise<boolean> {
    return this.kv.setIfAbsent(`sc:${token}`, '1', REPORT_CLAIM_MS);
  }

  async forget(token: string, state: Pick<SessionState, 'dev' | 'sid'>): Promise<void> {
    await Promise.all([this.kv.delete(`s:${token}`), this.kv.delete(`sx:${state.dev}:${state.sid}`), this.kv.delete(`lo:${token}`)]);
  }

  async isLive(token: string): Promise<boolean> {
    return (await this.load(token)) !== undefined;
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
