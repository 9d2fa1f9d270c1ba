import { contentTypeFor, decodeMessage, encodeMessage, StatusCodes, type Command, type SyncHdr, type SyncMLMessage } from '@dms/syncml';
import type { CommandExecutor } from '../commands/command-executor';
import type { ExecutedCommand, GenericAlert } from '../commands/execution.types';
import type { DmTree } from '../tree/dm-tree';
import { schemeOfType, type ClientCredentials } from './client-credentials';
import type { AuthOutcome, HandsetOptions, ServerStatus, SessionOutcome, SessionReport, StartSessionOptions } from './handset.options';
import { postAndDrop, postDmMessage, type DmExchange } from './http-transport';
import { malformedBody } from './malformed-body';
import { chunkLargeResults, enforceMaxObjSize, nextMessage } from './outgoing-package';
import { buildPackage1, genericAlertCommand, nextMessageAlert } from './package1.builder';
import { ServerMessageProcessor } from './server-message.processor';

export interface SessionDeps {
  readonly options: HandsetOptions;
  readonly tree: DmTree;
  readonly executor: CommandExecutor;
  readonly credentials: ClientCredentials;
  readonly sessionId: string;
  /** Alerts to put in Package 1: the caller's and those left from earlier sessions. */
  readonly alerts: readonly GenericAlert[];
  /** Called for each Generic Alert the server acknowledged with a 2xx Status. */
  readonly delivered: (alert: GenericAlert) => void;
}

/** One OMA DM 1.2 management session over HTTP POST, client side, until the server ends it. */
export async function runDmSession(deps: SessionDeps, start: StartSessionOptions): Promise<SessionReport> {
  const { options, credentials, executor, tree } = deps;
  const started = Date.now();
  const encoding = options.encoding;
  const maxMessages = options.maxMessagesPerSession ?? 100;
  const maxAuthRetries = options.maxAuthRetries ?? 2;
  const processor = new ServerMessageProcessor(executor, credentials, options.auth.verifyServer === true);
  const executed: ExecutedCommand[] = [];
  const serverStatuses: ServerStatus[] = [];
  const httpStatuses: number[] = [];
  const alertsSent = new Map<string, GenericAlert>();
  const knownAlerts: GenericAlert[] = [...deps.alerts];
  let url = options.serverUrl;
  let serverMaxMsgSize = Number.MAX_SAFE_INTEGER;
  let serverMaxObjSize: number | undefined;
  let sendCred = true;
  let authOutcome: AuthOutcome = 'unknown';
  let authRetries = 0;
  let serverAuthFailures = 0;
  let sent = 0;
  let received = 0;
  const package1 = (): Command[] => buildPackage1(tree, start.reason, deps.alerts);
  let pending: Command[] = package1();
  let leading: Command[] = [];
  let finalAllowed = true;

  const finish = (outcome: SessionOutcome, error?: string): SessionReport => ({
    sessionId: deps.sessionId,
    outcome,
    messagesSent: sent,
    messagesReceived: received,
    commandsExecuted: executed,
    authOutcome,
    authRetries,
    serverStatuses,
    genericAlertsSent: [...alertsSent.values()],
    durationMs: Date.now() - started,
    httpStatuses,
    ...(error === undefined ? {} : { error }),
  });

  for (let msgId = 1; ; msgId += 1) {
    if (sent >= maxMessages) return finish('message-limit', `server did not end the session within ${maxMessages} messages`);
    const hdr = header(deps, msgId, sendCred && credentials.scheme !== 'hmac');
    let built;
    try {
      built = nextMessage(hdr, leading, pending, { maxMsgSize: serverMaxMsgSize, encoding, final: finalAllowed });
    } catch (error) {
      return finish('protocol-error', `cannot fit a message in the server's MaxMsgSize ${serverMaxMsgSize}: ${(error as Error).message}`);
    }
    const { message, rest } = built;
    for (const c of message.body.commands) if (c.kind === 'Alert' && c.data === 1226) rememberAlert(alertsSent, `${msgId}:${c.cmdId}`, c, knownAlerts);
    const wire = sent === 0 && options.misbehave?.malformedMessage !== undefined ? malformedBody(message, options.misbehave.malformedMessage, encoding) : { bytes: encodeMessage(message, encoding), encoding };
    const request = { url, body: wire.bytes, contentType: contentTypeFor(message, wire.encoding), ...(credentials.scheme === 'hmac' ? { hmac: credentials.hmacHeader(wire.bytes) } : {}) };
    if (options.misbehave?.dropConnectionAfterMessages === sent) {
      await postAndDrop(request);
      sent += 1;
      return finish('connection-dropped', `connection dropped while sending message ${msgId}`);
    }
    let exchange: DmExchange;
    try {
      exchange = await postDmMessage(request, options.fetch ?? fetch);
    } catch (error) {
      return finish('transport-error', (error as Error).message);
    }
    sent += 1;
    httpStatuses.push(exchange.status);
    if (exchange.status !== 200) return finish('http-error', `HTTP ${exchange.status} from ${url}`);
    let reply: SyncMLMessage;
    try {
      reply = decodeMessage(exchange.body, { contentType: exchange.contentType }).message;
    } catch (error) {
      return finish('protocol-error', `server message does not decode: ${(error as Error).message}`);
    }
    received += 1;
    if (reply.hdr.respURI !== undefined) url = reply.hdr.respURI;
    serverMaxMsgSize = reply.hdr.meta?.maxMsgSize ?? serverMaxMsgSize;
    serverMaxObjSize = reply.hdr.meta?.maxObjSize ?? serverMaxObjSize;
    const p = processor.process(reply, exchange, String(msgId));
    executed.push(...p.executed);
    serverStatuses.push(...p.serverStatuses);
    for (const s of p.serverStatuses) {
      const alert = alertsSent.get(`${s.msgRef}:${s.cmdRef}`);
      if (s.cmd === 'Alert' && alert !== undefined && s.status >= 200 && s.status < 300) deps.delivered(alert);
    }
    const ours = p.statusForOurHeader;
    if (ours !== undefined) {
      const nonce = ours.chal?.meta.nextNonce;
      if (nonce !== undefined) credentials.storeClientNonce(nonce);
      if (ours.data === StatusCodes.invalidCredentials || ours.data === StatusCodes.missingCredentials) {
        authOutcome = 'rejected';
        authRetries += 1;
        if (authRetries > maxAuthRetries) return finish('auth-failed', `server refused the credentials ${authRetries} times (${ours.data})`);
        const scheme = schemeOfType(ours.chal?.meta.type);
        if (scheme !== undefined) credentials.scheme = scheme;
        // DM 1.2 protocol 2.4: after a challenge in Package 2 the client resends Package 1 with credentials.
        pending = package1();
        leading = [p.headerStatus];
        finalAllowed = true;
        continue;
      }
      authOutcome = 'accepted';
      if (ours.data === StatusCodes.authenticationAccepted) sendCred = false;
    }
    if (p.abort) return finish('aborted-by-server', 'server sent Alert 1223');
    if (p.serverCheck === 'missing' || p.serverCheck === 'invalid') {
      serverAuthFailures += 1;
      if (serverAuthFailures > maxAuthRetries) return finish('server-auth-failed', `server credential ${p.serverCheck} ${serverAuthFailures} times`);
    }
    leading = [p.headerStatus];
    // Large Results are cut once, with room for the header, our SyncHdr Status and one more Status.
    const roomHdr = header(deps, 99999, sendCred && credentials.scheme !== 'hmac');
    const responses = chunkLargeResults(roomHdr, [p.headerStatus, p.headerStatus], enforceMaxObjSize(p.responses, serverMaxObjSize), serverMaxMsgSize, encoding);
    if (rest.length > 0) {
      // Our package goes on: the server's reply was its "next message" answer (Alert 1222).
      pending = [...responses, ...rest];
      continue;
    }
    if (!p.final) {
      // The server's package goes on (multi-message or large object): statuses so far, Alert 1222, no Final.
      pending = [...responses, nextMessageAlert(options.serverUrl, options.deviceId)];
      finalAllowed = false;
      continue;
    }
    if (!p.hasCommands && responses.length === 0 && p.serverCheck !== 'missing' && p.serverCheck !== 'invalid') return finish('completed');
    const deferred = options.reportAsyncResults === 'same-session' ? executor.deferredAlerts.splice(0) : [];
    knownAlerts.push(...deferred);
    pending = [...responses, ...deferred.map(genericAlertCommand)];
    finalAllowed = true;
  }
}

function header(deps: SessionDeps, msgId: number, withCred: boolean): SyncHdr {
  const { options, credentials } = deps;
  const cred = withCred ? credentials.cred() : undefined;
  const named = credentials.scheme !== 'basic';
  return {
    verDTD: '1.2',
    verProto: 'DM/1.2',
    sessionId: deps.sessionId,
    msgId: String(msgId),
    target: { locURI: options.serverUrl },
    source: { locURI: options.deviceId, ...(named ? { locName: credentials.username } : {}) },
    ...(cred === undefined ? {} : { cred }),
    meta: { maxMsgSize: options.maxMsgSize ?? 16000, maxObjSize: options.maxObjSize ?? 1048576 },
  };
}

function rememberAlert(map: Map<string, GenericAlert>, key: string, command: Command, known: readonly GenericAlert[]): void {
  if (command.kind !== 'Alert') return;
  const item = command.items[0];
  const match = known.find((a) => a.type === item?.meta?.type && a.data === item?.data && a.source === item?.source?.locURI);
  if (match !== undefined) map.set(key, match);
}
