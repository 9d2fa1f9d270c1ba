import type { DeviceFamily } from './device-family';
import type { DmTree } from './dm-tree';

/** `none`: a new handset without MMS/Internet settings; `factory`: preset operator settings. */
export type SettingsPreset = 'none' | 'factory';

const slot = ['Get', 'Replace'] as const;

/**
 * Connectivity, MMS and browser settings (management-objects.md 7).
 * oma-standard, ConnMO-style and dynamic (the server Adds instances):
 *   ./ConnMO/NAP/<x>/{Name, Addr (the APN), AddrType APN, Bearer, Auth/{AuthType, AuthName, AuthSecret}}
 *   ./ConnMO/Proxy/<x>/{Name, Addr, Port, NapRef}
 *   ./MMS/<x>/{Name, MMSC, ProxyRef, NapRef}
 *   ./Browser/Bookmarks/<x>/{Name, URL}, ./Browser/HomePage
 * vendor-x, fixed slots that only take Replace (empty strings on a new handset):
 *   ./Vendor/X/Settings/Internet/{APN, User, Password, AuthType}
 *   ./Vendor/X/Settings/MMS/{APN, MMSC, ProxyAddr, ProxyPort}
 *   ./Vendor/X/Browser/Bookmark/<n>/{Title, Url} (dynamic), ./Vendor/X/Browser/HomePage
 */
export function seedConnectivity(tree: DmTree, family: DeviceFamily, preset: SettingsPreset): void {
  if (family.name === 'oma-standard') seedOmaStandard(tree, preset);
  else seedVendorX(tree, preset);
}

function seedOmaStandard(tree: DmTree, preset: SettingsPreset): void {
  tree.setInterior('./ConnMO/NAP');
  tree.setInterior('./ConnMO/Proxy');
  tree.setInterior('./MMS');
  tree.setInterior('./Browser/Bookmarks');
  tree.set('./Browser/HomePage', { value: preset === 'factory' ? 'http://portal.operator.example' : '' });
  if (preset === 'none') return;
  for (const [x, apn] of [
    ['Internet', 'internet.operator.example'],
    ['MMS', 'mms.operator.example'],
  ] as const) {
    const nap = `./ConnMO/NAP/${x}`;
    tree.set(`${nap}/Name`, { value: `Operator ${x}` });
    tree.set(`${nap}/Addr`, { value: apn });
    tree.set(`${nap}/AddrType`, { value: 'APN' });
    tree.set(`${nap}/Bearer`, { value: 'GSM-GPRS' });
    tree.set(`${nap}/Auth/AuthType`, { value: 'PAP' });
    tree.set(`${nap}/Auth/AuthName`, { value: '' });
    tree.set(`${nap}/Auth/AuthSecret`, { value: '', access: ['Add', 'Delete', 'Replace'] });
  }
  tree.set('./ConnMO/Proxy/MMSProxy/Name', { value: 'MMS proxy' });
  tree.set('./ConnMO/Proxy/MMSProxy/Addr', { value: '10.0.0.10' });
  tree.set('./ConnMO/Proxy/MMSProxy/Port', { format: 'int', value: '8080' });
  tree.set('./ConnMO/Proxy/MMSProxy/NapRef', { value: './ConnMO/NAP/MMS' });
  tree.set('./MMS/Operator/Name', { value: 'Operator MMS' });
  tree.set('./MMS/Operator/MMSC', { value: 'http://mmsc.operator.example' });
  tree.set('./MMS/Operator/ProxyRef', { value: './ConnMO/Proxy/MMSProxy' });
  tree.set('./MMS/Operator/NapRef', { value: './ConnMO/NAP/MMS' });
  tree.set('./Browser/Bookmarks/Operator/Name', { value: 'Operator portal' });
  tree.set('./Browser/Bookmarks/Operator/URL', { value: 'http://portal.operator.example' });
}

function seedVendorX(tree: DmTree, preset: SettingsPreset): void {
  const factory = preset === 'factory';
  const internet = './Vendor/X/Settings/Internet';
  const mms = './Vendor/X/Settings/MMS';
  tree.setInterior(internet, undefined, ['Get']);
  tree.setInterior(mms, undefined, ['Get']);
  tree.set(`${internet}/APN`, { value: factory ? 'internet.operator.example' : '', access: slot });
  tree.set(`${internet}/User`, { value: '', access: slot });
  tree.set(`${internet}/Password`, { value: '', access: ['Replace'] });
  tree.set(`${internet}/AuthType`, { value: factory ? 'PAP' : '', access: slot });
  tree.set(`${mms}/APN`, { value: factory ? 'mms.operator.example' : '', access: slot });
  tree.set(`${mms}/MMSC`, { value: factory ? 'http://mmsc.operator.example' : '', access: slot });
  tree.set(`${mms}/ProxyAddr`, { value: factory ? '10.0.0.10' : '', access: slot });
  tree.set(`${mms}/ProxyPort`, { format: 'int', value: factory ? '8080' : '0', access: slot });
  tree.setInterior('./Vendor/X/Browser/Bookmark');
  tree.set('./Vendor/X/Browser/HomePage', {
    value: factory ? 'http://portal.operator.example' : '',
    access: slot,
  });
  if (factory) {
    tree.set('./Vendor/X/Browser/Bookmark/1/Title', { value: 'Operator portal' });
    tree.set('./Vendor/X/Browser/Bookmark/1/Url', { value: 'http://portal.operator.example' });
  }
}
