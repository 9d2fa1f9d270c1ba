import { DeviceSimErrorCodes, DeviceSimUserError } from '../errors/device-sim.error';
import { seedConnectivity, type SettingsPreset } from './connectivity.seed';
import {
  deviceFamilies,
  isDeviceFamilyName,
  type DeviceIdentity,
  type DeviceFamilyName,
} from './device-family';
import { seedDmAccount, type DmAccountSeed } from './dm-account.seed';
import { DmTree } from './dm-tree';
import { MoIds } from './management-object.codes';
import {
  defaultDeployedComponents,
  seedFumoInstance,
  seedScomo,
  type DeployedComponentSeed,
} from './management-objects.seed';

export interface HandsetTreeOptions {
  /** `IMEI:356938035643809`: ./DevInfo/DevId and the SyncHdr Source. */
  readonly deviceId: string;
  readonly family: DeviceFamilyName;
  readonly account: DmAccountSeed;
  readonly settings?: SettingsPreset;
  readonly identity?: Partial<DeviceIdentity>;
  readonly deployedComponents?: readonly DeployedComponentSeed[];
  /** Name of the FUMO instance seeded idle; default `FwPkg1`. */
  readonly fumoInstance?: string;
}

const readOnly = ['Get'] as const;

/** The whole tree a handset of `family` leaves the factory with. */
export function seedHandsetTree(options: HandsetTreeOptions): DmTree {
  if (!isDeviceFamilyName(options.family))
    throw new DeviceSimUserError(
      DeviceSimErrorCodes.invalidOptions,
      `unknown device family ${String(options.family)}`,
    );
  const family = deviceFamilies[options.family];
  const id = { ...family.identity, ...options.identity };
  const tree = new DmTree();
  tree.setInterior('./DevInfo', MoIds.devInfo, readOnly);
  const devInfo = { DevId: options.deviceId, Man: id.man, Mod: id.mod, DmV: id.dmV, Lang: id.lang };
  for (const [name, value] of Object.entries(devInfo))
    tree.set(`./DevInfo/${name}`, { value, access: readOnly });
  tree.setInterior('./DevDetail', MoIds.devDetail, readOnly);
  const devDetail = { DevTyp: id.devTyp, OEM: id.oem, FwV: id.fwV, SwV: id.swV, HwV: id.hwV };
  for (const [name, value] of Object.entries(devDetail))
    tree.set(`./DevDetail/${name}`, { value, access: readOnly });
  tree.set('./DevDetail/LrgObj', { format: 'bool', value: 'true', access: readOnly });
  for (const name of ['MaxDepth', 'MaxTotLen', 'MaxSegLen'])
    tree.set(`./DevDetail/URI/${name}`, { value: '0', access: readOnly });
  tree.setInterior('./DevDetail/Ext');
  tree.set(family.paths.reboot, { format: 'node', access: ['Exec', 'Get'] });
  seedDmAccount(tree, family.paths.dmAcc, options.account);
  seedConnectivity(tree, family, options.settings ?? 'none');
  seedFumoInstance(tree, family, options.fumoInstance ?? 'FwPkg1');
  seedScomo(tree, family, options.deployedComponents ?? defaultDeployedComponents);
  return tree;
}
