import { StatusCodes } from '@dms/syncml';
import type { DmTree } from '../tree/dm-tree';
import { ScomoAlertType, ScomoDeployedStates, ScomoResults } from '../tree/management-object.codes';
import { componentNodeName, seedDeployedComponent } from '../tree/management-objects.seed';
import type { GenericAlert } from './execution.types';

export interface ScomoExecResult {
  readonly status: number;
  readonly alert?: GenericAlert;
}

const deployedOp = /^Inventory\/Deployed\/([^/]+)\/Operations\/(Activate|Deactivate|Remove)$/;
const downloadOp = /^Download\/([^/]+)\/Operations\/(Download|DownloadInstall|DownloadInstallInactive)$/;

/**
 * SCOMO Exec (management-objects.md 5): 202, then Generic Alert
 * `urn:oma:at:scomo:1.0:OperationComplete`, Format xml, Data
 * `<ResultCode>1200</ResultCode><Identifier>id</Identifier>`. Activate/Deactivate set
 * the Deployed State (20/10), Remove deletes the component, DownloadInstall[Inactive]
 * creates Deployed/<PkgID> from the Download/<pkg> nodes. `undefined`: not a SCOMO node.
 */
export function execScomo(
  tree: DmTree,
  scomoRoot: string,
  uri: string,
  correlator: string | undefined,
): ScomoExecResult | undefined {
  const root = scomoRoot.replace(/^\.\//, '').replace(/\/$/, '');
  const bare = uri.replace(/^\.\//, '');
  if (!bare.startsWith(`${root}/`)) return undefined;
  const rel = bare.slice(root.length + 1);
  const deployed = deployedOp.exec(rel);
  const download = downloadOp.exec(rel);
  if (deployed === null && download === null) return undefined;
  if (tree.find(uri) === undefined) return { status: StatusCodes.notFound };
  let identifier: string;
  let target: string | undefined;
  if (deployed !== null) {
    const component = `${scomoRoot}/Inventory/Deployed/${deployed[1] ?? ''}`;
    identifier = tree.text(`${component}/ID`) ?? deployed[1] ?? '';
    if (deployed[2] === 'Remove') tree.delete(component);
    else
      tree.replace(`${component}/State`, {
        format: 'int',
        value: String(deployed[2] === 'Activate' ? ScomoDeployedStates.active : ScomoDeployedStates.inactive),
      });
  } else {
    const pkg = `${scomoRoot}/Download/${download?.[1] ?? ''}`;
    identifier = tree.text(`${pkg}/PkgID`) ?? download?.[1] ?? '';
    if (download?.[2] !== 'Download') {
      const name = tree.text(`${pkg}/Name`) ?? identifier;
      const version = tree.text(`${pkg}/Version`) ?? '1.0';
      seedDeployedComponent(tree, scomoRoot, {
        id: identifier,
        name,
        version,
        active: download?.[2] === 'DownloadInstall',
      });
      target = `${scomoRoot}/Inventory/Deployed/${componentNodeName(identifier)}`;
    }
  }
  const alert: GenericAlert = {
    type: ScomoAlertType,
    format: 'xml',
    source: uri,
    ...(target === undefined ? {} : { target }),
    data: `<ResultCode>${ScomoResults.successful}</ResultCode><Identifier>${identifier}</Identifier>`,
    ...(correlator === undefined ? {} : { correlator }),
  };
  return { status: StatusCodes.acceptedForProcessing, alert };
}
