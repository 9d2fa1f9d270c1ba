import { StatusCodes, type Command, type SyncHdr } from '@dms/syncml';
import type { CommandExecutor } from '../commands/command-executor';
import type { GenericAlert } from '../commands/execution.types';
import type { DmTree } from '../tree/dm-tree';
import { schemeOfType, type ClientCredentials } from './client-credentials';
import type { HandsetOptions, SessionReport, StartSessionOptions } from './handset.options';
import { exchangeMessage } from './message-exchange';
import { chunkLargeResults, enforceMaxObjSize, nextMessage } from './outgoing-package';
import { buildPackage1, genericAlertCommand, nextMessageAlert } from './package1.builder';
import { ServerMessageProcessor } from './server-message.processor';
import { SessionLog } from './session-log';

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
  const { options, credentials, executor } = deps;
  const maxMessages = options.maxMessagesPerSession ?? 100;
  const maxAuthRetries = options.maxAuthRetries ?? 2;
  const processor = new ServerMessageProcessor(executor, credentials, options.auth.verifyServer === true);
  const log = new SessionLog(deps.sessionId, deps.alerts);
  const package1 = (): Command[] => buildPackage1(deps.tree, start.reason, deps.alerts);
  let url = options.serverUrl;
  let serverMaxMsgSize = Number.MAX_SAFE_INTEGER;
  let serverMaxObjSize: number | undefined;
  let sendCred = true;
  let pending = package1();
  let leading: Command[] = [];
  let finalAllowed = true;

  for (let msgId = 1; ; msgId += 1) {
    if (log.sent >= maxMessages) return log.finish('message-limit', `no end within ${maxMessages} messages`);
    const hdr = header(deps, msgId, sendCred);
    let built;
    try {
      built = nextMessage(hdr, leading, pending, {
        maxMsgSize: serverMaxMsgSize,
        encoding: options.encoding,
        final: finalAllowed,
      });
    } catch (error) {
      return log.finish(
        'protocol-error',
        `no message fits MaxMsgSize ${serverMaxMsgSize}: ${(error as Error).message}`,
      );
    }
    const { message, rest } = built;
    log.noteSent(String(msgId), message.body.commands);
    const result = await exchangeMessage(options, credentials, message, url, log);
    if (!result.ok) return log.finish(result.outcome, result.error);
    const { reply, exchange } = result;
    url = reply.hdr.respURI ?? url;
    serverMaxMsgSize = reply.hdr.meta?.maxMsgSize ?? serverMaxMsgSize;
    serverMaxObjSize = reply.hdr.meta?.maxObjSize ?? serverMaxObjSize;
    const p = processor.process(reply, exchange, String(msgId));
    log.executed.push(...p.executed);
    log.serverStatuses.push(...p.serverStatuses);
    log.acknowledged(p.serverStatuses).forEach(deps.delivered);
    const ours = p.statusForOurHeader;
    if (ours !== undefined) {
      if (ours.chal?.meta.nextNonce !== undefined) credentials.storeClientNonce(ours.chal.meta.nextNonce);
      if (ours.data === StatusCodes.invalidCredentials || ours.data === StatusCodes.missingCredentials) {
        log.authOutcome = 'rejected';
        log.authRetries += 1;
        if (log.authRetries > maxAuthRetries)
          return log.finish('auth-failed', `credentials refused ${log.authRetries} times (${ours.data})`);
        credentials.scheme = schemeOfType(ours.chal?.meta.type) ?? credentials.scheme;
        // DM 1.2 protocol 2.4: after a challenge the client resends Package 1 with new credentials.
        pending = package1();
        leading = [p.headerStatus];
        finalAllowed = true;
        continue;
      }
      log.authOutcome = 'accepted';
      if (ours.data === StatusCodes.authenticationAccepted) sendCred = false;
    }
    if (p.abort) return log.finish('aborted-by-server', 'server sent Alert 1223');
    const serverRefused = p.serverCheck === 'missing' || p.serverCheck === 'invalid';
    if (serverRefused && ++log.serverAuthFailures > maxAuthRetries)
      return log.finish('server-auth-failed', `server credential ${p.serverCheck}`);
    leading = [p.headerStatus];
    // Large Results are cut once, with room for the header, our SyncHdr Status and one more Status.
    const allowed = enforceMaxObjSize(p.responses, serverMaxObjSize);
    const responses = chunkLargeResults(
      header(deps, 99999, sendCred),
      [p.headerStatus, p.headerStatus],
      allowed,
      serverMaxMsgSize,
      options.encoding,
    );
    if (rest.length > 0) {
      // Our package goes on: the server's reply was its "next message" answer (Alert 1222).
      pending = [...responses, ...rest];
    } else if (!p.final) {
      // The server's package goes on (multi-message, large object): statuses so far, Alert 1222, no Final.
      pending = [...responses, nextMessageAlert(options.serverUrl, options.deviceId)];
      finalAllowed = false;
    } else if (!p.hasCommands && responses.length === 0 && !serverRefused) {
      // DM 1.2 protocol 2.3: a package with nothing but statuses ends the session; no reply.
      return log.finish('completed');
    } else {
      const deferred = options.reportAsyncResults === 'same-session' ? executor.deferredAlerts.splice(0) : [];
      log.addKnownAlerts(deferred);
      pending = [...responses, ...deferred.map(genericAlertCommand)];
      finalAllowed = true;
    }
  }
}

/** Our SyncHdr: Cred while the server has not answered 212 (never for HMAC), LocName for md5/HMAC. */
function header(deps: SessionDeps, msgId: number, sendCred: boolean): SyncHdr {
  const { options, credentials } = deps;
  const cred = sendCred && credentials.scheme !== 'hmac' ? credentials.cred() : undefined;
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
