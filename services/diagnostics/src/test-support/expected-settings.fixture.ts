import type { ExpectedSettings } from '@dms/contracts';

/**
 * What config.expected-settings.v1 answers for the two device-sim families, with the values
 * the simulator's `factory` preset holds (libs/device-sim/src/tree/connectivity.seed.ts).
 * Config is built elsewhere; tests register this answer on the RPC port instead.
 */
export const omaStandardExpected: ExpectedSettings = {
  family: 'oma-standard',
  templateId: 'tpl-oma',
  profileId: 'profile-1',
  profileVersion: 1,
  reads: ['./ConnMO/NAP', './MMS'],
  softwareInventory: './SCOMO/Inventory/Deployed',
  expected: [
    { setting: 'internet-apn', nodeUri: './ConnMO/NAP/Internet/Addr', value: 'internet.operator.example' },
    { setting: 'internet-apn', nodeUri: './ConnMO/NAP/Internet/AddrType', value: 'APN' },
    { setting: 'internet-apn', nodeUri: './ConnMO/NAP/Internet/Auth/AuthSecret', value: 'not-to-be-read' },
    { setting: 'mms', nodeUri: './ConnMO/NAP/MMS/Addr', value: 'mms.operator.example' },
    { setting: 'mms', nodeUri: './MMS/Operator/MMSC', value: 'http://mmsc.operator.example' },
    { setting: 'mms', nodeUri: './ConnMO/Proxy/MMSProxy/Port', value: '8080' },
  ],
};

export const vendorXExpected: ExpectedSettings = {
  family: 'vendor-x',
  templateId: 'tpl-x',
  profileId: 'profile-1',
  profileVersion: 1,
  reads: [],
  softwareInventory: './Vendor/X/SwMgmt/Inventory/Deployed',
  expected: [
    { setting: 'internet-apn', nodeUri: './Vendor/X/Settings/Internet/APN', value: 'internet.operator.example' },
    { setting: 'internet-apn', nodeUri: './Vendor/X/Settings/Internet/AuthType', value: 'PAP' },
    { setting: 'internet-apn', nodeUri: './Vendor/X/Settings/Internet/Password', value: 'secret-pw' },
    { setting: 'mms', nodeUri: './Vendor/X/Settings/MMS/APN', value: 'mms.operator.example' },
    { setting: 'mms', nodeUri: './Vendor/X/Settings/MMS/MMSC', value: 'http://mmsc.operator.example' },
    { setting: 'mms', nodeUri: './Vendor/X/Settings/MMS/ProxyAddr', value: '10.0.0.10' },
    { setting: 'mms', nodeUri: './Vendor/X/Settings/MMS/ProxyPort', value: '8080' },
  ],
};

/** By DevInfo Man/Mod or the catalog's manufacturer/model, as config matches templates. */
export function expectedFor(query: { manufacturer?: string; model?: string }): ExpectedSettings | null {
  if (query.manufacturer === 'Acme') return omaStandardExpected;
  if (query.manufacturer === 'Xphone') return vendorXExpected;
  return null;
}
