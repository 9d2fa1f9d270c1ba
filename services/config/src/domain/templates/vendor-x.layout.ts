import type { SettingKind } from '@dms/contracts';
import type { SettingsProfile } from '../profile.model';
import type { FamilyLayout, SettingLeaf } from './family-layout';

/**
 * Fixed vendor slots (libs/device-sim connectivity.seed.ts): the leaves exist from the
 * factory, empty on a new handset, and only take Replace; their parents refuse Add (405).
 * Bookmarks are the exception, numbered instances under ./Vendor/X/Browser/Bookmark.
 * There is no e-mail slot: e-mail is not supported on this family.
 */
export const VX = {
  internet: './Vendor/X/Settings/Internet',
  mms: './Vendor/X/Settings/MMS',
  homePage: './Vendor/X/Browser/HomePage',
  bookmark: (i: number) => `./Vendor/X/Browser/Bookmark/${i}`,
} as const;

function leaves(setting: SettingKind, p: SettingsProfile): SettingLeaf[] | undefined {
  switch (setting) {
    case 'internet-apn': {
      const n = p.internet;
      if (n === undefined) return undefined;
      return [
        { uri: `${VX.internet}/APN`, value: n.apn },
        { uri: `${VX.internet}/AuthType`, value: n.authType === 'none' ? '' : n.authType },
        { uri: `${VX.internet}/User`, value: n.user ?? '' },
        { uri: `${VX.internet}/Password`, value: n.password ?? '', secret: true },
      ];
    }
    case 'mms': {
      const m = p.mms;
      if (m === undefined) return undefined;
      return [
        { uri: `${VX.mms}/APN`, value: m.apn },
        { uri: `${VX.mms}/MMSC`, value: m.mmscUrl },
        { uri: `${VX.mms}/ProxyAddr`, value: m.proxyAddress },
        { uri: `${VX.mms}/ProxyPort`, value: String(m.proxyPort), format: 'int' },
      ];
    }
    case 'wap':
      return p.wap === undefined ? undefined : [{ uri: VX.homePage, value: p.wap.homePage }];
    case 'bookmarks':
      return p.bookmarks?.flatMap((b, i) => [
        { uri: `${VX.bookmark(i + 1)}/Title`, value: b.name },
        { uri: `${VX.bookmark(i + 1)}/Url`, value: b.url },
      ]);
    case 'email':
      return undefined;
  }
}

export const vendorXLayout: FamilyLayout = {
  family: 'vendor-x',
  softwareInventory: './Vendor/X/SwMgmt/Inventory/Deployed',
  supports: (setting) => setting !== 'email',
  instances: (setting, p) => (setting === 'bookmarks' ? (p.bookmarks ?? []).map((_, i) => VX.bookmark(i + 1)) : []),
  // Fixed slots are found where they are; only the numbered bookmarks move. A number is not ours
  // (the user's and the factory's bookmarks are numbered too), so none is `owned`.
  matchable: (setting, p) => (setting === 'bookmarks' ? (p.bookmarks ?? []).map((_, i) => ({ uri: VX.bookmark(i + 1), match: 'Url' })) : []),
  leaves,
};
