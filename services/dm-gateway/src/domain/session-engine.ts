import { AlertCodes, StatusCodes, nonceFromBytes, contentTypeFor, decodeMessage, encodeMessage, hmacHeader, HMAC_HEADER_NAME, type SyncMLMessage } from '@dms/syncml';
import type { Logger } from '@dms/service-kit';
import type { AuthGuardStore } from '../data-access/auth-guard.store';
import type { DmAccountRepository } from '../data-access/dm-account.repository';
import type { SessionStateStore } from '../data-access/session-state.store';
import type { ClientAuthenticator } from './client-authenticator';
import type { DmAccount } from './dm-account';
import { badRequestAnswerFromText, notExecutedStatuses, numbered, sessionGoneAnswer, versionNotSupportedAnswer } from './protocol-answers';
import { serverHeader } from './server-header';
import { newSessionState, type SessionState } from './session-state';
import { headerStatus } from './status.builder';
import type { SessionRunner } from './session-runner';

export interface DmHttpRequest {
  readonly body: Uint8Array;
  readonly contentType?: string;
  readonly hmac?: string;
  /** Session token from the RespURI query (`?s=`). */
  readonly token?: string;
  /** Absolute URL of the DM endpoint as the handset reaches it (RespURI base, our Source LocURI). */
  readonly endpointUrl: string;
}

export interface DmHttpResponse {
  readonly status: number;
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface SessionEngineDeps {
  readonly sessions: SessionStateStore;
  readonly accounts: DmAccountRepository;
  readonly authenticator: ClientAuthenticator;
  readonly guard: AuthGuardStore;
  readonly runner: SessionRunner;
  readonly logger: Logger;
  readonly maxMsgSize: number;
  readonly maxObjSize: number;
}

const EMPTY_NONCE = nonceFromBytes(new Uint8Array());
const startAlerts = new Set<number>([AlertCodes.clientInitiatedMgmt, AlertCodes.serverInitiatedMgmt]);

/**
 * The DM endpoint's protocol front: decode, find the session (RespURI token, else device +
 * SessionID), authenticate the handset, hand the message to the SessionRunner, encode the
 * answer in the encoding the handset used. Protocol failures are SyncML statuses in an
 * HTTP 200; HTTP 400 only when no SyncHdr can be read.
 */
export class SessionEngine {
  constructor(private readonly deps: SessionEngineDeps) {}

  async handle(req: DmHttpRequest): Promise<DmHttpResponse> {
    let message: SyncMLMessage;
    let encoding: 'xml' | 'wbxml';
    try {
      ({ message, encoding } = decodeMessage(req.body, req.contentType === undefined ? {} : { contentType: req.contentType }));
    } catch (error) {
      return this.undecodable(req, error);
    }
    const { hdr } = message;
    const plain = serverHeader({ client: hdr, msgId: 1, serverUri: req.endpointUrl, maxMsgSize: this.deps.maxMsgSize, maxObjSize: this.deps.maxObjSize });
    if (hdr.verProto !== 'DM/1.2') return this.reply(versionNotSupportedAnswer(plain, message), encoding);
    // Without a token, MsgID 1 is a new session (an auth retry is MsgID 2+ and goes to RespURI); skip the lookup.
    const located = req.token === undefined && hdr.msgId === '1' ? undefined : await this.locate(req.token, hdr.source.locURI, hdr.sessionId);
    const starts = message.body.commands.some((c) => c.kind === 'Alert' && startAlerts.has(c.data));
    if (located === undefined && !starts) {
      this.deps.logger.info({ deviceId: hdr.source.locURI, sessionId: hdr.sessionId }, 'message outside any live session answered with 408 and abort');
      return this.reply(sessionGoneAnswer(plain, message), encoding);
    }
    const first = located === undefined;
    const token = located?.token ?? this.deps.sessions.newToken();
    const state = located?.state ?? newSessionState(hdr.source.locURI, hdr.sessionId, encoding === 'wbxml' ? 'w' : 'x', Date.now());
    state.n += 1;
    state.enc = encoding === 'wbxml' ? 'w' : 'x';
    if (hdr.meta?.maxMsgSize !== undefined) state.mms = hdr.meta.maxMsgSize;
    if (hdr.meta?.maxObjSize !== undefined) state.mos = hdr.meta.maxObjSize;
    // Once the handset is authenticated for the session and has accepted our credential, the account is not needed again (HMAC needs it on every message).
    const needsAccount = first || state.ok === 0 || state.so === 0 || state.au === 'hmac';
    const account = needsAccount ? await this.deps.accounts.find(state.dev) : undefined;
    const verdict = await this.deps.authenticator.authenticate({ hdr, hmacHeader: req.hmac, body: req.body, state: first ? undefined : state, account: needsAccount ? account : undefined });
    const respUri = `${req.endpointUrl}?s=${token}`;
    const log = this.deps.logger.child({ sessionId: token, deviceId: state.dev, dmSessionId: hdr.sessionId });
    if (!verdict.ok) {
      log.warn({ code: verdict.code, reason: verdict.reason }, 'handset authentication failed');
      if (account !== undefined) await this.deps.sessions.save(token, { ...state, sm: state.sm + 1 }, first);
      const server = serverHeader({ client: hdr, msgId: state.sm + 1, serverUri: req.endpointUrl, ...(account === undefined ? {} : { respUri }), maxMsgSize: this.deps.maxMsgSize, maxObjSize: this.deps.maxObjSize });
      const commands = numbered([headerStatus(hdr, verdict.code, verdict.chal), ...notExecutedStatuses(message.body.commands, hdr.msgId)]);
      return this.reply({ hdr: server, body: { commands, final: true } }, encoding);
    }
    if (first) log.info({ scheme: verdict.scheme, encoding }, 'session started');
    state.ok = 1;
    state.au = verdict.scheme;
    await this.readServerAuthStatus(message, state);
    const leadingHeaderStatus = headerStatus(hdr, verdict.code, verdict.chal);
    const credential = account !== undefined && state.so === 0 && account.authType !== 'hmac' ? { account, serverNonce: account.authType === 'md5' ? await this.deps.guard.serverNonce(state.dev) : EMPTY_NONCE } : undefined;
    state.sm += 1;
    const server = serverHeader({ client: hdr, msgId: state.sm, serverUri: req.endpointUrl, respUri, maxMsgSize: this.deps.maxMsgSize, maxObjSize: this.deps.maxObjSize, ...(credential === undefined ? {} : { credential }) });
    const outcome = await this.deps.runner.run({ message, server, leadingHeaderStatus, state, token, encoding, log });
    if (outcome.ended) await this.deps.sessions.end(token, state, !first);
    else await this.deps.sessions.save(token, state, first);
    const answer = await this.reply(outcome.reply, encoding, account, state);
    // The handset sends nothing after our last message: free the socket now rather than keep
    // it idle until keep-alive expires (and a client reusing it races the server's close).
    return outcome.ended ? { ...answer, headers: { ...answer.headers, connection: 'close' } } : answer;
  }

  private async locate(token: string | undefined, deviceId: string, sessionId: string): Promise<{ token: string; state: SessionState } | undefined> {
    const found = token ?? (await this.deps.sessions.tokenFor(deviceId, sessionId));
    if (found === undefined) return undefined;
    const state = await this.deps.sessions.load(found);
    // A token is only good for the device and SessionID that opened it.
    if (state === undefined || state.dev !== deviceId || state.sid !== sessionId) return undefined;
    return { token: found, state };
  }

  /**
   * The handset's Status for our SyncHdr: 212/200 = our credential was accepted (stop sending
   * Cred); a Chal gives the nonce for our next digest (security 5.1.3.3) and asks for Cred again.
   */
  private async readServerAuthStatus(message: SyncMLMessage, state: SessionState): Promise<void> {
    for (const c of message.body.commands) {
      if (c.kind !== 'Status' || c.cmd !== 'SyncHdr') continue;
      if (c.data === StatusCodes.authenticationAccepted || c.data === StatusCodes.ok) state.so = 1;
      if (c.chal?.meta.nextNonce !== undefined) {
        await this.deps.guard.setServerNonce(state.dev, c.chal.meta.nextNonce);
        state.so = 0;
      }
    }
  }

  private async reply(message: SyncMLMessage, encoding: 'xml' | 'wbxml', account?: DmAccount, state?: SessionState): Promise<DmHttpResponse> {
    const body = encodeMessage(message, encoding);
    const headers: Record<string, string> = {};
    if (account?.authType === 'hmac' && state !== undefined) {
      const nonce = await this.deps.guard.serverNonce(state.dev);
      headers[HMAC_HEADER_NAME] = hmacHeader(account.serverId, account.serverPassword, nonce, body);
    }
    return { status: 200, body, contentType: contentTypeFor(message, encoding), headers };
  }

  private undecodable(req: DmHttpRequest, error: unknown): DmHttpResponse {
    const text = Buffer.from(req.body.subarray(0, 65_536)).toString('utf8');
    const answer = req.body[0] !== undefined && req.body[0] > 3 ? badRequestAnswerFromText(text, req.endpointUrl) : undefined;
    this.deps.logger.warn({ err: error, bytes: req.body.byteLength, answered: answer !== undefined }, 'undecodable DM message');
    if (answer === undefined) return { status: 400, body: new Uint8Array(), contentType: 'text/plain', headers: {} };
    const body = encodeMessage(answer, 'xml');
    return { status: 200, body, contentType: contentTypeFor(answer, 'xml'), headers: {} };
  }
}
