import { StatusCodes, type ItemCommand } from '@dms/syncml';
import type { DeviceFamily } from '../tree/device-family';
import { allows } from '../tree/dm-node';
import { parseDmUri, formatDmUri } from '../tree/dm-uri';
import type { DmTree } from '../tree/dm-tree';
import type { ExecutionOutcome, GenericAlert } from './execution.types';
import { execFumo, matchFumoExec, type FumoBehaviour } from './fumo.exec';
import { execScomo } from './scomo.exec';
import { statusFor } from './status.builder';

export interface ExecEffects {
  readonly fumo: FumoBehaviour;
  deferAlert(alert: GenericAlert): void;
  reboot(): void;
}

/**
 * Exec (OMA DM 1.2 protocol 6.6.4): FUMO and SCOMO operations answer 202 and report
 * later by Generic Alert; the family's reboot node answers 200. Missing node 404; a node
 * without Exec access (or nothing to run behind it) 405.
 */
export function executeExec(
  tree: DmTree,
  family: DeviceFamily,
  command: ItemCommand,
  msgRef: string,
  effects: ExecEffects,
): ExecutionOutcome {
  const item = command.items[0];
  const raw = item?.target?.locURI;
  const parsed = raw === undefined ? undefined : parseDmUri(raw);
  let status: number;
  if (raw === undefined) status = StatusCodes.incompleteCommand;
  else if (parsed === undefined) status = StatusCodes.notFound;
  else status = execOne(tree, family, formatDmUri(parsed.segments), command.correlator, effects);
  return {
    responses: [statusFor(command, msgRef, status, raw === undefined ? {} : { targetRefs: [raw] })],
    executed: [{ verb: 'Exec', target: raw ?? '', status }],
  };
}

function execOne(
  tree: DmTree,
  family: DeviceFamily,
  uri: string,
  correlator: string | undefined,
  effects: ExecEffects,
): number {
  const node = tree.find(uri);
  if (node === undefined) return StatusCodes.notFound;
  if (!allows(node, 'Exec')) return StatusCodes.commandNotAllowed;
  if (uri === formatDmUri(parseDmUri(family.paths.reboot)?.segments ?? [])) {
    effects.reboot();
    return StatusCodes.ok;
  }
  const fumo = matchFumoExec(uri, family.paths.fumo);
  const outcome =
    fumo === undefined
      ? execScomo(tree, family.paths.scomo, uri, correlator)
      : execFumo(tree, fumo.instance, fumo.operation, uri, correlator, effects.fumo);
  if (outcome === undefined) return StatusCodes.commandNotAllowed;
  if (outcome.alert !== undefined) effects.deferAlert(outcome.alert);
  return outcome.status;
}
