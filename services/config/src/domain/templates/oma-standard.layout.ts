import type { SettingKind } from '@dms/contracts';
import type { SettingsProfile } from '../profile.model';
import type { FamilyLayout, MatchableInstance, PersonalData, SettingLeaf } from './family-layout';

/**
 * ConnMO-style tree (libs/device-sim connectivity.seed.ts, management-objects.md 7): the
 * server Adds named instances under ./ConnMO/NAP, ./ConnMO/Proxy, ./MMS and
 * ./Browser/Bookmarks. Our instances carry a `Dms` prefix so they never collide with
 * factory instances (`Internet`, `MMS`, `Operator`) a handset may already hold.
 */
export const OMA = {
  internetNap: './ConnMO/NAP/DmsInternet',
  mmsNap: './ConnMO/NAP/DmsMMS',
  mmsProxy: './ConnMO/Proxy/DmsMMSProxy',
  mms: './MMS/DmsMMS',
  homePage: './Browser/HomePage',
  bookmark: (i: number) => `./Browser/Bookmarks/DmsBm${i}`,
  // No e-mail MO in DM 1.2 StdObj; this follows the ConnMO naming (one dynamic account instance).
  email: './Email/DmsMail',
} as const;

function leaves(setting: SettingKind, p: SettingsProfile, personal?: PersonalData): SettingLeaf[] | undefined {
  switch (setting) {
    case 'internet-apn': {
      const n = p.internet;
      if (n === undefined) return undefined;
      const nap = OMA.internetNap;
      const auth: SettingLeaf[] =
        n.authType === 'none'
          ? []
          : [
              { uri: `${nap}/Auth/AuthType`, value: n.authType },
              { uri: `${nap}/Auth/AuthName`, value: n.user ?? '' },
              { uri: `${nap}/Auth/AuthSecret`, value: n.password ?? '', secret: true },
            ];
      return [
        { uri: `${nap}/Name`, value: n.name },
        { uri: `${nap}/Addr`, value: n.apn },
        { uri: `${nap}/AddrType`, value: 'APN' },
        { uri: `${nap}/Bearer`, value: 'GSM-GPRS' },
        ...auth,
      ];
    }
    case 'mms': {
      const m = p.mms;
      if (m === undefined) return undefined;
      return [
        { uri: `${OMA.mmsNap}/Name`, value: `${m.name} APN` },
        { uri: `${OMA.mmsNap}/Addr`, value: m.apn },
        { uri: `${OMA.mmsNap}/AddrType`, value: 'APN' },
        { uri: `${OMA.mmsNap}/Bearer`, value: 'GSM-GPRS' },
        { uri: `${OMA.mmsProxy}/Name`, value: `${m.name} proxy` },
        { uri: `${OMA.mmsProxy}/Addr`, value: m.proxyAddress },
        { uri: `${OMA.mmsProxy}/Port`, value: String(m.proxyPort), format: 'int' },
        { uri: `${OMA.mmsProxy}/NapRef`, value: OMA.mmsNap },
        { uri: `${OMA.mms}/Name`, value: m.name },
        { uri: `${OMA.mms}/MMSC`, value: m.mmscUrl },
        { uri: `${OMA.mms}/ProxyRef`, value: OMA.mmsProxy },
        { uri: `${OMA.mms}/NapRef`, value: OMA.mmsNap },
      ];
    }
    case 'wap':
      return p.wap === undefined ? undefined : [{ uri: OMA.homePage, value: p.wap.homePage }];
    case 'bookmarks':
      return p.bookmarks?.flatMap((b, i) => [
        { uri: `${OMA.bookmark(i + 1)}/Name`, value: b.name },
        { uri: `${OMA.bookmark(i + 1)}/URL`, value: b.url },
      ]);
    case 'email': {
      const address = personal?.emailAddress;
      const provider = personal?.mailProvider;
      if (address === undefined || provider === undefined) return undefined;
      const e = OMA.email;
      return [
        { uri: `${e}/Name`, value: address },
        { uri: `${e}/Addr`, value: address },
        { uri: `${e}/UserName`, value: address },
        { uri: `${e}/InProtocol`, value: provider.incoming.protocol.toUpperCase() },
        { uri: `${e}/InServer`, value: provider.incoming.host },
        { uri: `${e}/InPort`, value: String(provider.incoming.port), format: 'int' },
        { uri: `${e}/InSecurity`, value: provider.incoming.security },
        { uri: `${e}/OutServer`, value: provider.outgoing.host },
        { uri: `${e}/OutPort`, value: String(provider.outgoing.port), format: 'int' },
        { uri: `${e}/OutSecurity`, value: provider.outgoing.security },
      ];
    }
  }
}

function instances(setting: SettingKind, p: SettingsProfile): string[] {
  switch (setting) {
    case 'internet-apn':
      return p.internet?.authType === 'none' ? [OMA.internetNap] : [OMA.internetNap, `${OMA.internetNap}/Auth`];
    case 'mms':
      return [OMA.mmsNap, OMA.mmsProxy, OMA.mms];
    case 'wap':
      return []; // ./Browser/HomePage is a permanent leaf
    case 'bookmarks':
      return (p.bookmarks ?? []).map((_, i) => OMA.bookmark(i + 1));
    case 'email':
      return [OMA.email];
  }
}

/**
 * The APN identifies a NAP; the MMSC the MMS instance, whose references lead to its NAP and
 * proxy. All are `owned`: a `Dms*` name is only ever config's.
 */
function matchable(setting: SettingKind, p: SettingsProfile): MatchableInstance[] {
  switch (setting) {
    case 'internet-apn':
      return [{ uri: OMA.internetNap, match: 'Addr', owned: true }];
    case 'mms':
      return [
        { uri: OMA.mms, match: 'MMSC', owned: true },
        { uri: OMA.mmsNap, match: 'Addr', owned: true, via: { uri: OMA.mms, leaf: 'NapRef' } },
        { uri: OMA.mmsProxy, match: 'Addr', owned: true, via: { uri: OMA.mms, leaf: 'ProxyRef' } },
      ];
    case 'bookmarks':
      return (p.bookmarks ?? []).map((_, i) => ({ uri: OMA.bookmark(i + 1), match: 'URL', owned: true }));
    case 'wap': // a permanent leaf, no instance
    case 'email': // personal, never diagnosed
      return [];
  }
}

export const omaStandardLayout: FamilyLayout = {
  family: 'oma-standard',
  softwareInventory: './SCOMO/Inventory/Deployed',
  supports: () => true,
  instances,
  matchable,
  leaves,
};
