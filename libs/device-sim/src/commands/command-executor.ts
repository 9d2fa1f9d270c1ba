import { isSuccessStatus, isUserInteractionAlert, StatusCodes, type Command } from '@dms/syncml';
import type { DeviceFamily } from '../tree/device-family';
import type { DmTree } from '../tree/dm-tree';
import { executeExec } from './exec.handler';
import type { ExecutionOutcome, GenericAlert, UserInteraction } from './execution.types';
import type { FumoBehaviour } from './fumo.exec';
import { executeGet } from './get.handler';
import { executeItemCommand } from './item-command.handler';
import { statusFor } from './status.builder';
import { executeUiAlert, type UiAnswers } from './ui-alert.handler';

export interface CommandExecutorOptions {
  readonly tree: DmTree;
  readonly family: DeviceFamily;
  readonly uiAnswers?: UiAnswers;
  readonly fumo?: FumoBehaviour;
  /** How binary leaves travel: raw on WBXML, base64 on XML. */
  readonly binaryFormat: 'bin' | 'b64';
}

/**
 * Executes the management commands a server sends (OMA DM 1.2 protocol 6.6), one
 * handler per command kind over an exhaustive switch (STYLE.md 11). Side effects that
 * outlive the command (Generic Alerts to send, reboots, what the user saw) are collected
 * here for the session and the handset to pick up.
 */
export class CommandExecutor {
  readonly deferredAlerts: GenericAlert[] = [];
  readonly interactions: UserInteraction[] = [];
  reboots = 0;

  constructor(private readonly options: CommandExecutorOptions) {}

  execute(command: Command, msgRef: string): ExecutionOutcome {
    const { tree } = this.options;
    switch (command.kind) {
      case 'Add':
      case 'Replace':
      case 'Delete':
      case 'Copy':
        return executeItemCommand(tree, { ...command, kind: command.kind }, msgRef);
      case 'Get':
        return executeGet(tree, command, msgRef, this.options.binaryFormat);
      case 'Exec':
        return executeExec(tree, this.options.family, command, msgRef, {
          fumo: this.options.fumo ?? {},
          deferAlert: (alert) => this.deferredAlerts.push(alert),
          reboot: () => (this.reboots += 1),
        });
      case 'Alert': {
        if (!isUserInteractionAlert(command.data))
          return single(command, msgRef, StatusCodes.optionalFeatureNotSupported, String(command.data));
        const outcome = executeUiAlert(command, msgRef, this.options.uiAnswers ?? {});
        if (outcome.interaction !== undefined) this.interactions.push(outcome.interaction);
        return outcome;
      }
      case 'Atomic':
        return this.atomic(command, msgRef);
      case 'Sequence':
        return this.sequence(command, msgRef);
      case 'Move':
      case 'Put':
      case 'Map':
      case 'Sync':
      case 'Search':
      case 'Unknown':
        // Not used in DM (protocol 6.6 table): optional feature not supported.
        return single(command, msgRef, StatusCodes.optionalFeatureNotSupported, command.kind);
      case 'Status':
      case 'Results':
        // Answers, not commands: the session reads them; nothing to execute or answer.
        return { responses: [], executed: [] };
    }
  }

  /** Sequence: in order; after a user No/cancel the rest is not executed (215). Its own Status is 200. */
  private sequence(command: Command & { kind: 'Sequence' }, msgRef: string): ExecutionOutcome {
    const outcome: ExecutionOutcome = {
      responses: [statusFor(command, msgRef, StatusCodes.ok)],
      executed: [{ verb: 'Sequence', target: '', status: StatusCodes.ok }],
    };
    let aborted = false;
    for (const member of command.commands) {
      const result: ExecutionOutcome = aborted
        ? notExecuted(member, msgRef, StatusCodes.notExecuted)
        : this.execute(member, msgRef);
      outcome.responses.push(...result.responses);
      outcome.executed.push(...result.executed);
      aborted = aborted || result.userAbort === true;
    }
    return outcome;
  }

  /**
   * Atomic: all or nothing. Get, Exec, Sequence and a nested Atomic are not allowed inside
   * (500). On the first failure (or a user No) the tree is rolled back: the Atomic gets 507,
   * the failed member keeps its code, every other member 216.
   */
  private atomic(command: Command & { kind: 'Atomic' }, msgRef: string): ExecutionOutcome {
    const { tree } = this.options;
    const before = tree.snapshot();
    const alertsBefore = this.deferredAlerts.length;
    const members: ExecutionOutcome[] = [];
    let failedAt = -1;
    command.commands.forEach((member, index) => {
      if (failedAt >= 0) return members.push(notExecuted(member, msgRef, StatusCodes.atomicRollBackOk));
      const allowed = ['Add', 'Replace', 'Delete', 'Copy', 'Alert'].includes(member.kind);
      const result: ExecutionOutcome = allowed
        ? this.execute(member, msgRef)
        : notExecuted(member, msgRef, StatusCodes.commandFailed);
      members.push(result);
      const failed =
        result.userAbort === true ||
        result.responses.some((r) => r.kind === 'Status' && !isSuccessStatus(r.data));
      if (failed) failedAt = index;
    });
    if (failedAt < 0)
      return merge(statusFor(command, msgRef, StatusCodes.ok), members, 'Atomic', StatusCodes.ok);
    tree.restore(before);
    this.deferredAlerts.length = alertsBefore;
    const rolledBack = members.map((m, index) => (index < failedAt ? rollBack(m) : m));
    return merge(
      statusFor(command, msgRef, StatusCodes.atomicFailed),
      rolledBack,
      'Atomic',
      StatusCodes.atomicFailed,
    );
  }
}

function single(command: Command, msgRef: string, code: number, target: string): ExecutionOutcome {
  return {
    responses: [statusFor(command, msgRef, code)],
    executed: [{ verb: command.kind, target, status: code }],
  };
}

function notExecuted(command: Command, msgRef: string, code: number): ExecutionOutcome {
  const target =
    'items' in command && command.kind !== 'Alert' ? (command.items[0]?.target?.locURI ?? '') : '';
  return {
    responses: [statusFor(command, msgRef, code)],
    executed: [{ verb: command.kind, target, status: code }],
  };
}

/** A member executed before the failure: its Statuses become 216 and its Results are dropped. */
function rollBack(outcome: ExecutionOutcome): ExecutionOutcome {
  return {
    responses: outcome.responses.flatMap((r) =>
      r.kind === 'Status' ? [{ ...r, data: StatusCodes.atomicRollBackOk, items: [] }] : [],
    ),
    executed: outcome.executed.map((e) => ({ ...e, status: StatusCodes.atomicRollBackOk })),
  };
}

function merge(
  head: Command,
  members: readonly ExecutionOutcome[],
  verb: string,
  code: number,
): ExecutionOutcome {
  return {
    responses: [head, ...members.flatMap((m) => m.responses)],
    executed: [{ verb, target: '', status: code }, ...members.flatMap((m) => m.executed)],
  };
}
