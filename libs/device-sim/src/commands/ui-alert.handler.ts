import { AlertCodes, StatusCodes, type AlertCommand, type Item } from '@dms/syncml';
import type { ExecutionOutcome, UserInteraction } from './execution.types';
import { statusFor } from './status.builder';

/** How the simulated user answers user-interaction alerts (OMA DM 1.2 protocol 2.5). */
export interface UiAnswers {
  /** false: the handset has no UI, every UI alert gets 406. Default true. */
  readonly supported?: boolean;
  /** 1101: yes 200, no 304, cancel 214, timeout 408. Default yes. */
  readonly confirm?: 'yes' | 'no' | 'cancel' | 'timeout';
  /** 1102: the text typed. Default: the DR option of the alert, else ''. */
  readonly textInput?: string;
  /** 1103: 1-based index of the choice. Default: DR option, else 1. */
  readonly singleChoice?: number;
  /** 1104: 1-based indices. Default: DR option (`2-3`), else [1]. */
  readonly multipleChoice?: readonly number[];
  /** 1102-1104: the user cancels instead of answering (214). */
  readonly cancelInput?: boolean;
}

const text = (item: Item | undefined): string => (typeof item?.data === 'string' ? item.data : '');

function options(item: Item | undefined): URLSearchParams {
  return new URLSearchParams(text(item));
}

/**
 * Alerts 1100-1104: Item 1 = options (MINDT, MAXDT, DR, ...), Item 2 = text, Items 3..n =
 * choices. The answer goes back in the Status: Data = code, Item/Data = typed text or
 * chosen indices (one Item each). Fewer than 2 items (3 for choices) is 412.
 */
export function executeUiAlert(
  command: AlertCommand,
  msgRef: string,
  answers: UiAnswers,
): ExecutionOutcome & { interaction?: UserInteraction } {
  const code = command.data;
  const choices = command.items.slice(2).map(text);
  const defaults = options(command.items[0]).get('DR') ?? undefined;
  let status: number = StatusCodes.ok;
  let answer: string[] | undefined;
  if (answers.supported === false) status = StatusCodes.optionalFeatureNotSupported;
  else if (
    command.items.length < 2 ||
    ((code === AlertCodes.dmSingleChoice || code === AlertCodes.dmMultipleChoice) && choices.length === 0)
  )
    status = StatusCodes.incompleteCommand;
  else if (code === AlertCodes.dmConfirmOrReject) status = confirmStatus(answers.confirm ?? 'yes');
  else if (code !== AlertCodes.dmDisplay && answers.cancelInput === true)
    status = StatusCodes.operationCancelled;
  else if (code === AlertCodes.dmTextInput) answer = [answers.textInput ?? defaults ?? ''];
  else if (code === AlertCodes.dmSingleChoice)
    answer = [String(answers.singleChoice ?? Number(defaults ?? 1))];
  else if (code === AlertCodes.dmMultipleChoice)
    answer = (answers.multipleChoice ?? (defaults ?? '1').split('-').map(Number)).map(String);
  const items = (answer ?? []).map((data): Item => ({ data }));
  const interaction: UserInteraction = {
    alert: code,
    text: text(command.items[1]),
    choices,
    status,
    ...(answer === undefined ? {} : { answer }),
  };
  return {
    responses: [statusFor(command, msgRef, status, { items })],
    executed: [{ verb: 'Alert', target: String(code), status }],
    userAbort:
      status === StatusCodes.notModified ||
      status === StatusCodes.operationCancelled ||
      status === StatusCodes.requestTimeout,
    interaction,
  };
}

function confirmStatus(answer: NonNullable<UiAnswers['confirm']>): number {
  switch (answer) {
    case 'yes':
      return StatusCodes.ok;
    case 'no':
      return StatusCodes.notModified;
    case 'cancel':
      return StatusCodes.operationCancelled;
    case 'timeout':
      return StatusCodes.requestTimeout;
  }
}
