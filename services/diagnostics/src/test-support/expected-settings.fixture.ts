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

/**
 * What config answers for oma-standard with its ConnMO-style Dms* instances listed (the
 * values of services/config/operator-profile.sample.json): diagnostics looks for the
 * handset's own instance of each (a factory `./ConnMO/NAP/Internet`) by content.
 */
export const omaStandardInstancesExpected: ExpectedSettings = {
  family: 'oma-standard',
  templateId: 'tpl-oma',
  profileId: 'profile-1',
  profileVersion: 2,
  reads: [],
  expected: [
    { setting: 'mms', nodeUri: './ConnMO/NAP/DmsMMS/Name', value: 'Operator MMS APN' },
    { setting: 'mms', nodeUri: './ConnMO/NAP/DmsMMS/Addr', value: 'mms.operator.example' },
    { setting: 'mms', nodeUri: './ConnMO/Proxy/DmsMMSProxy/Addr', value: '10.0.0.10' },
    { setting: 'mms', nodeUri: './ConnMO/Proxy/DmsMMSProxy/Port', value: '8080' },
    { setting: 'mms', nodeUri: './ConnMO/Proxy/DmsMMSProxy/NapRef', value: './ConnMO/NAP/DmsMMS' },
    { setting: 'mms', nodeUri: './MMS/DmsMMS/MMSC', value: 'http://mmsc.operator.example' },
    { setting: 'mms', nodeUri: './MMS/DmsMMS/ProxyRef', value: './ConnMO/Proxy/DmsMMSProxy' },
    { setting: 'mms', nodeUri: './MMS/DmsMMS/NapRef', value: './ConnMO/NAP/DmsMMS' },
    { setting: 'internet-apn', nodeUri: './ConnMO/NAP/DmsInternet/Name', value: 'Operator Internet' },
    { setting: 'internet-apn', nodeUri: './ConnMO/NAP/DmsInternet/Addr', value: 'internet.operator.example' },
    { setting: 'internet-apn', nodeUri: './ConnMO/NAP/DmsInternet/Auth/AuthType', value: 'PAP' },
    { setting: 'internet-apn', nodeUri: './ConnMO/NAP/DmsInternet/Auth/AuthName', value: 'web' },
    { setting: 'wap', nodeUri: './Browser/HomePage', value: 'http://portal.operator.example/' },
    { setting: 'bookmarks', nodeUri: './Browser/Bookmarks/DmsBm1/Name', value: 'Operator portal' },
    { setting: 'bookmarks', nodeUri: './Browser/Bookmarks/DmsBm1/URL', value: 'http://portal.operator.example/' },
    { setting: 'bookmarks', nodeUri: './Browser/Bookmarks/DmsBm2/Name', value: 'Customer care' },
    { setting: 'bookmarks', nodeUri: './Browser/Bookmarks/DmsBm2/URL', value: 'https://care.operator.example/' },
  ],
  instances: [
    { setting: 'mms', uri: './MMS/DmsMMS', match: 'MMSC', owned: true },
    { setting: 'mms', uri: './ConnMO/NAP/DmsMMS', match: 'Addr', owned: true, via: { uri: './MMS/DmsMMS', leaf: 'NapRef' } },
    { setting: 'mms', uri: './ConnMO/Proxy/DmsMMSProxy', match: 'Addr', owned: true, via: { uri: './MMS/DmsMMS', leaf: 'ProxyRef' } },
    { setting: 'internet-apn', uri: './ConnMO/NAP/DmsInternet', match: 'Addr', owned: true },
    { setting: 'bookmarks', uri: './Browser/Bookmarks/DmsBm1', match: 'URL', owned: true },
    { setting: 'bookmarks', uri: './Browser/Bookmarks/DmsBm2', match: 'URL', owned: true },
  ],
};

/** vendor-x with its numbered bookmark instances listed. */
export const vendorXInstancesExpected: ExpectedSettings = {
  ...vendorXExpected,
  expected: [
    ...vendorXExpected.expected,
    { setting: 'bookmarks', nodeUri: './Vendor/X/Browser/Bookmark/1/Title', value: 'Operator portal' },
    { setting: 'bookmarks', nodeUri: './Vendor/X/Browser/Bookmark/1/Url', value: 'http://portal.operator.example/' },
    { setting: 'bookmarks', nodeUri: './Vendor/X/Browser/Bookmark/2/Title', value: 'Customer care' },
    { setting: 'bookmarks', nodeUri: './Vendor/X/Browser/Bookmark/2/Url', value: 'https://care.operator.example/' },
  ],
  instances: [
    { setting: 'bookmarks', uri: './Vendor/X/Browser/Bookmark/1', match: 'Url' },
    { setting: 'bookmarks', uri: './Vendor/X/Browser/Bookmark/2', match: 'Url' },
  ],
};

/** By DevInfo Man/Mod or the catalog's manufacturer/model, as config matches templates. */
export function expectedFor(query: { manufacturer?: string; model?: string }): ExpectedSettings | null {
  if (query.manufacturer === 'Acme') return omaStandardExpected;
  if (query.manufacturer === 'Xphone') return vendorXExpected;
  return null;
}
