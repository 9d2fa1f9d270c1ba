import type { DeviceFamily } from './device-family';
import type { DmTree } from './dm-tree';
import { FumoStates, MoIds, ScomoDeployedStates } from './management-object.codes';

const execAccess = ['Delete', 'Exec', 'Get'] as const;

/** A component installed at the factory, listed under SCOMO Inventory/Deployed. */
export interface DeployedComponentSeed {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly active?: boolean;
}

export const defaultDeployedComponents: readonly DeployedComponentSeed[] = [
  { id: 'com.operator.selfcare', name: 'Operator Self Care', version: '2.3.1', active: true },
  { id: 'com.example.mail', name: 'Mail', version: '1.0.4', active: false },
];

/** FUMO 1.0 instance `<fumo>/<x>` (management-objects.md 4), idle, with every Exec node. */
export function seedFumoInstance(tree: DmTree, family: DeviceFamily, name: string): void {
  const x = `${family.paths.fumo}/${name}`;
  tree.setInterior(family.paths.fumo);
  tree.setInterior(x, MoIds.fumo);
  tree.set(`${x}/PkgName`, { value: '' });
  tree.set(`${x}/PkgVersion`, { value: '' });
  tree.set(`${x}/Download`, { format: 'node', access: execAccess });
  tree.set(`${x}/Download/PkgURL`, { value: '' });
  tree.set(`${x}/Update`, { format: 'node', access: execAccess });
  tree.set(`${x}/Update/PkgData`, { format: 'bin', value: new Uint8Array(), access: ['Get', 'Replace'] });
  tree.set(`${x}/DownloadAndUpdate`, { format: 'node', access: execAccess });
  tree.set(`${x}/DownloadAndUpdate/PkgURL`, { value: '' });
  tree.set(`${x}/State`, { format: 'int', value: String(FumoStates.idle), access: ['Get'] });
  tree.setInterior(`${x}/Ext`);
}

/** SCOMO 1.0 root with Download, Inventory/Delivered and Inventory/Deployed/<x> (management-objects.md 5). */
export function seedScomo(
  tree: DmTree,
  family: DeviceFamily,
  components: readonly DeployedComponentSeed[],
): void {
  const root = family.paths.scomo;
  tree.setInterior(root, MoIds.scomo);
  tree.setInterior(`${root}/Download`);
  tree.setInterior(`${root}/Inventory/Delivered`);
  tree.setInterior(`${root}/Inventory/Deployed`);
  tree.setInterior(`${root}/Ext`);
  for (const c of components) seedDeployedComponent(tree, root, c);
}

export function seedDeployedComponent(tree: DmTree, scomoRoot: string, c: DeployedComponentSeed): void {
  const x = `${scomoRoot}/Inventory/Deployed/${componentNodeName(c.id)}`;
  tree.set(`${x}/ID`, { value: c.id });
  tree.set(`${x}/PkgIDRef`, { value: c.id });
  tree.set(`${x}/Name`, { value: c.name });
  tree.set(`${x}/Description`, { value: '' });
  tree.set(`${x}/Version`, { value: c.version });
  tree.set(`${x}/Status`, { format: 'int', value: '10' });
  tree.set(`${x}/State`, {
    format: 'int',
    value: String(c.active === false ? ScomoDeployedStates.inactive : ScomoDeployedStates.active),
  });
  for (const op of ['Activate', 'Deactivate', 'Remove'])
    tree.set(`${x}/Operations/${op}`, { format: 'node', access: execAccess });
}

/** Node names cannot hold every character of a component id; dots and dashes stay. */
export function componentNodeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}
