import {
  AlertCodes,
  StatusCodes,
  type Command,
  type ItemCommand,
  type StatusCommand,
  type SyncMLMessage,
} from '@dms/syncml';
import type { CommandExecutor } from '../commands/command-executor';
import type { ExecutedCommand } from '../commands/execution.types';
import { statusFor, UNNUMBERED } from '../commands/status.builder';
import { AuthSchemeTypes, type ClientCredentials, type ServerCheck } from './client-credentials';
import type { DmExchange } from './http-transport';
import { LargeObjectAssembler } from './large-object.assembler';
import type { ServerStatus } from './handset.options';

/** What one server message asks of the handset. */
export interface ProcessedMessage {
  /** The server's Status for our SyncHdr (auth result, Chal). */
  readonly statusForOurHeader?: StatusCommand;
  /** Our Status for the server's SyncHdr: always first in our next message (DM 1.2 protocol 8.3). */
  readonly headerStatus: StatusCommand;
  /** Statuses and Results for the server's commands, in order. */
  readonly responses: Command[];
  readonly executed: ExecutedCommand[];
  readonly serverStatuses: ServerStatus[];
  /** Management commands or UI alerts were present (a message with only Status ends the session). */
  readonly hasCommands: boolean;
  readonly abort: boolean;
  readonly final: boolean;
  readonly serverCheck: ServerCheck | 'not-checked';
}

const sessionControl = new Set<number>([AlertCodes.dmNextMessage, AlertCodes.sessionAbort]);

/** Reads one server message within a session: server authentication, large objects, command execution. */
export class ServerMessageProcessor {
  private serverAuthenticated = false;
  private readonly assembler = new LargeObjectAssembler();

  constructor(
    private readonly executor: CommandExecutor,
    private readonly credentials: ClientCredentials,
    private readonly verifyServer: boolean,
  ) {}

  process(message: SyncMLMessage, exchange: DmExchange, ourMsgId: string): ProcessedMessage {
    const { hdr, body } = message;
    const serverCheck = this.checkServer(message, exchange);
    const refused = serverCheck === 'missing' || serverCheck === 'invalid';
    const headerStatus = this.headerStatus(message, serverCheck);
    const responses: Command[] = [];
    const executed: ExecutedCommand[] = [];
    const serverStatuses: ServerStatus[] = [];
    let statusForOurHeader: StatusCommand | undefined;
    let hasCommands = false;
    let abort = false;
    for (const command of body.commands) {
      if (command.kind === 'Status') {
        if (
          command.cmd === 'SyncHdr' &&
          command.cmdRef === '0' &&
          (command.msgRef === ourMsgId || statusForOurHeader === undefined)
        )
          statusForOurHeader = command;
        else
          serverStatuses.push({
            cmd: command.cmd,
            msgRef: command.msgRef,
            cmdRef: command.cmdRef,
            status: command.data,
          });
        continue;
      }
      if (command.kind === 'Results') continue;
      if (command.kind === 'Alert' && command.data === AlertCodes.sessionAbort) abort = true;
      if (command.kind === 'Alert' && sessionControl.has(command.data)) {
        if (command.data === AlertCodes.dmNextMessage)
          responses.push(statusFor(command, hdr.msgId, StatusCodes.ok));
        continue;
      }
      hasCommands = true;
      if (refused) {
        responses.push(statusFor(command, hdr.msgId, headerStatus.data));
        continue;
      }
      const outcome = this.executeOne(command, hdr.msgId);
      responses.push(...outcome.responses);
      executed.push(...outcome.executed);
    }
    return {
      ...(statusForOurHeader === undefined ? {} : { statusForOurHeader }),
      headerStatus,
      responses,
      executed,
      serverStatuses,
      hasCommands,
      abort,
      final: body.final,
      serverCheck,
    };
  }

  private executeOne(
    command: Command,
    msgRef: string,
  ): { responses: Command[]; executed: ExecutedCommand[] } {
    const responses: Command[] = [];
    if (this.assembler.interrupts(command as { kind: string })) {
      // DM 1.2 2.2: a new command before the last chunk ends the object: Alert 1225, object dropped.
      const target = this.assembler.target;
      this.assembler.discard();
      responses.push({
        kind: 'Alert',
        cmdId: UNNUMBERED,
        data: AlertCodes.dmNoEndOfData,
        items: target === undefined ? [] : [{ target: { locURI: target } }],
      });
    }
    if (command.kind === 'Add' || command.kind === 'Replace') {
      const step = this.assembler.accept(command);
      const target = command.items[0]?.target?.locURI;
      const refs = target === undefined ? {} : { targetRefs: [target] };
      const verb = { verb: command.kind, target: target ?? '' };
      if (step.kind === 'buffered')
        return {
          responses: [...responses, statusFor(command, msgRef, StatusCodes.chunkedItemAccepted, refs)],
          executed: [],
        };
      if (step.kind === 'size-mismatch')
        return {
          responses: [...responses, statusFor(command, msgRef, StatusCodes.sizeMismatch, refs)],
          executed: [{ ...verb, status: StatusCodes.sizeMismatch }],
        };
      const outcome = this.executor.execute(
        step.kind === 'complete' ? (step.command as ItemCommand) : command,
        msgRef,
      );
      return { responses: [...responses, ...outcome.responses], executed: outcome.executed };
    }
    const outcome = this.executor.execute(command, msgRef);
    return { responses: [...responses, ...outcome.responses], executed: outcome.executed };
  }

  /** Server authentication (DM 1.2 protocol 2.4 / security 5.1): once per session, every message for HMAC. */
  private checkServer(message: SyncMLMessage, exchange: DmExchange): ServerCheck | 'not-checked' {
    if (!this.verifyServer) return 'not-checked';
    if (this.serverAuthenticated && this.credentials.scheme !== 'hmac') return 'ok';
    const result = this.credentials.checkServer(message.hdr, exchange.hmac, exchange.body);
    if (result === 'ok') this.serverAuthenticated = true;
    return result;
  }

  private headerStatus(message: SyncMLMessage, check: ServerCheck | 'not-checked'): StatusCommand {
    const { hdr } = message;
    const base = {
      kind: 'Status' as const,
      cmdId: UNNUMBERED,
      msgRef: hdr.msgId,
      cmdRef: '0',
      cmd: 'SyncHdr',
      targetRefs: [hdr.target.locURI],
      sourceRefs: [hdr.source.locURI],
      items: [],
    };
    if (check === 'not-checked') return { ...base, data: StatusCodes.ok };
    if (check === 'ok')
      return {
        ...base,
        data: this.credentials.scheme === 'hmac' ? StatusCodes.ok : StatusCodes.authenticationAccepted,
      };
    const nonce = this.credentials.rotateServerNonce();
    return {
      ...base,
      data: check === 'missing' ? StatusCodes.missingCredentials : StatusCodes.invalidCredentials,
      chal: { meta: { type: AuthSchemeTypes[this.credentials.scheme], format: 'b64', nextNonce: nonce.b64 } },
    };
  }
}
