import type { DmAuthType } from './dm-account';

/**
 * Everything a gateway instance needs to serve the next message of a DM session, kept in
 * the KeyValueStore (Redis) under the RespURI token so any instance can serve any message.
 * Short keys on purpose: the serialized state stays well under 1 KiB (target <= 2 KiB).
 */
export interface SessionState {
  /** Device id (SyncHdr Source LocURI of Package 1). */
  readonly dev: string;
  /** SessionID as the client wrote it (echoed verbatim). */
  readonly sid: string;
  /** x = XML, w = WBXML. */
  enc: 'x' | 'w';
  /** Auth scheme in use; once chosen it stays for the session (DM 1.2 security 5.1.4.1). */
  au: DmAuthType | 'none';
  /** 1 once the client is authenticated for the session (212, or per message for HMAC). */
  ok: 0 | 1;
  /** 1 once the client accepted our credential (its Status 212/200 for our SyncHdr). */
  so: 0 | 1;
  /** s = server-initiated (1200), c = client-initiated (1201). */
  ini: 's' | 'c';
  /** Last MsgID we sent; the next is sm + 1. */
  sm: number;
  /** Last client MsgID processed (a repeated MsgID is a retransmission). */
  cm: number;
  /** Client MaxMsgSize / MaxObjSize (SyncHdr Meta), in force until changed. */
  mms: number;
  mos?: number;
  /** Start time (epoch ms), messages received, statuses received for our commands. */
  t0: number;
  n: number;
  cx: number;
  /** Job running in this session and the jobs served so far. */
  job?: string;
  jobs: string[];
  /** Next top-level command of the job to send; -1 = the user-interaction alert goes first. */
  q: number;
  /** Next chunk of command q when it is a large object being sent. */
  ch?: number;
  /** Commands sent and not yet answered: [msgId:cmdId, command path]. */
  out: [string, string][];
  /** 1 while our package spans messages (last message had no Final). */
  mp: 0 | 1;
  /** DevInfo seen in Package 1: Man, Mod, DmV, Lang. */
  di?: [string, string, string, string];
  /** Incoming large object being reassembled: [msgId:cmdId of first chunk, path, declared size]. */
  lo?: [string, string, number];
  /**
   * Epoch ms after which the session is over (idle TTL). The stored key lives a grace period
   * longer so the sweep can still report the session's last state (timeout, auth-failed).
   */
  x?: number;
}

export function newSessionState(dev: string, sid: string, enc: 'x' | 'w', now: number): SessionState {
  return { dev, sid, enc, au: 'none', ok: 0, so: 0, ini: 'c', sm: 0, cm: 0, mms: 16_000, t0: now, n: 0, cx: 0, jobs: [], q: 0, out: [], mp: 0 };
}

export const encodeSessionState = (state: SessionState): string => JSON.stringify(state);

export function decodeSessionState(text: string): SessionState {
  return JSON.parse(text) as SessionState;
}
