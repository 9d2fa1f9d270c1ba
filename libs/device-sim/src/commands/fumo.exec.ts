import { StatusCodes } from '@dms/syncml';
import type { DmTree } from '../tree/dm-tree';
import { FumoAlertTypes, FumoStates, type FumoOperation } from '../tree/management-object.codes';
import type { GenericAlert } from './execution.types';

/** How the simulated firmware update ends. */
export interface FumoBehaviour {
  /** Result code of the Generic Alert (management-objects.md 4): 200 success, 4xx/5xx failures. Default 200. */
  readonly result?: number;
}

export interface FumoExecResult {
  readonly status: number;
  readonly alert?: GenericAlert;
}

const fumoOperation = /^(.*)\/(Download|Update|DownloadAndUpdate)$/;

/** Is `uri` an Exec node of a FUMO instance under `fumoRoot`? */
export function matchFumoExec(
  uri: string,
  fumoRoot: string,
): { instance: string; operation: FumoOperation } | undefined {
  const root = fumoRoot.replace(/^\.\//, '');
  const bare = uri.replace(/^\.\//, '');
  const m = fumoOperation.exec(bare);
  if (m === null || !(m[1] ?? '').startsWith(`${root}/`) || (m[1] ?? '').slice(root.length + 1).includes('/'))
    return undefined;
  return { instance: `./${m[1]}`, operation: m[2] as FumoOperation };
}

/**
 * FUMO Exec (management-objects.md 4): 202 at once; the State node moves to its end
 * state and the result waits as a Generic Alert 1226 (type per operation, Format int,
 * Source = the exec'd node, Correlator echoed). A missing PkgURL ends in 411, Update
 * without PkgData in 410; a successful update sets DevDetail/FwV to PkgVersion.
 */
export function execFumo(
  tree: DmTree,
  instance: string,
  operation: FumoOperation,
  uri: string,
  correlator: string | undefined,
  behaviour: FumoBehaviour,
): FumoExecResult {
  if (tree.find(`${instance}/${operation}`) === undefined) return { status: StatusCodes.notFound };
  let result = behaviour.result ?? 200;
  if (operation !== 'Update' && (tree.text(`${instance}/${operation}/PkgURL`) ?? '') === '') result = 411;
  const data = tree.value(`${instance}/Update/PkgData`);
  if (operation === 'Update' && (data === undefined || data.length === 0)) result = 410;
  const ok = result >= 200 && result < 300;
  const state =
    operation === 'Download'
      ? ok
        ? FumoStates.downloadComplete
        : FumoStates.downloadFailed
      : ok
        ? FumoStates.updateSuccessfulNoData
        : FumoStates.updateFailedNoData;
  tree.set(`${instance}/State`, { format: 'int', value: String(state), access: ['Get'] });
  const version = tree.text(`${instance}/PkgVersion`) ?? '';
  if (ok && operation !== 'Download' && version !== '')
    tree.set('./DevDetail/FwV', { value: version, access: ['Get'] });
  const alert: GenericAlert = {
    type: FumoAlertTypes[operation],
    format: 'int',
    source: uri,
    data: String(result),
    ...(ok ? {} : { mark: 'critical' }),
    ...(correlator === undefined ? {} : { correlator }),
  };
  return { status: StatusCodes.acceptedForProcessing, alert };
}
