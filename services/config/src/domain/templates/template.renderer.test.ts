import { deviceFamilies, DmTree, seedConnectivity, type DeviceFamilyName } from '@dms/device-sim';
import type { DmCommand } from '@dms/contracts';
import { applyToTree } from '../../test-support/dm-tree.applier';
import { sampleProfile } from '../../test-support/profiles.fixture';
import type { DeviceTemplate } from '../template.model';
import { expectedSettings, layouts, renderSettings } from './template.renderer';

const emptyHandset = (family: DeviceFamilyName): DmTree => {
  const tree = new DmTree();
  seedConnectivity(tree, deviceFamilies[family], 'none');
  return tree;
};
const template = (family: DeviceFamilyName): DeviceTemplate => ({
  id: family,
  family,
  match: { manufacturer: 'x' },
  priority: 100,
  updatedAt: '2026-11-28T00:00:00.000Z',
});
const verbs = (commands: DmCommand[]): string[] =>
  commands.flatMap((c) => [c.verb, ...(c.children ?? []).map((k) => `  ${k.verb}`)]);
const basic = ['mms', 'internet-apn', 'wap', 'bookmarks'] as const;

describe.each(['oma-standard', 'vendor-x'] as const)('template %s', (family) => {
  const profile = sampleProfile();

  it('writes exactly the expected values into an empty handset, every command answered 2xx', () => {
    const tree = emptyHandset(family);
    const rendered = renderSettings(layouts[family], { profile, settings: [...basic] });
    expect(rendered.settings).toEqual([...basic]);
    const results = applyToTree(tree, rendered.commands);
    expect(results.filter((r) => r.status >= 300)).toEqual([]);
    const expected = expectedSettings(template(family), profile);
    expect(expected.expected.length).toBeGreaterThan(8);
    for (const { nodeUri, value } of expected.expected) expect([nodeUri, tree.text(nodeUri)]).toEqual([nodeUri, value]);
    expect(expected.reads).toEqual(expected.expected.map((e) => e.nodeUri));
  });

  it('pushes the Internet password but never expects or reads it back', () => {
    const tree = emptyHandset(family);
    applyToTree(tree, renderSettings(layouts[family], { profile, settings: ['internet-apn'] }).commands);
    const secretUri = family === 'oma-standard' ? './ConnMO/NAP/DmsInternet/Auth/AuthSecret' : './Vendor/X/Settings/Internet/Password';
    expect(tree.text(secretUri)).toBe('s3cret-pw');
    const expected = expectedSettings(template(family), profile);
    expect(JSON.stringify(expected)).not.toContain('s3cret-pw');
    expect(expected.reads).not.toContain(secretUri);
  });

  it('replaces the leaves of instances the handset already holds (a changed profile lands)', () => {
    const tree = emptyHandset(family);
    applyToTree(tree, renderSettings(layouts[family], { profile, settings: ['mms'] }).commands);
    const changed = { ...profile, version: 2, mms: { ...profile.mms!, mmscUrl: 'http://mmsc2.operator.example/' } };
    const again = renderSettings(layouts[family], { profile: changed, settings: ['mms'], existing: new Set(['mms'] as const) });
    expect(JSON.stringify(again.commands)).not.toContain('"Add"');
    expect(applyToTree(tree, again.commands).every((r) => r.status < 300)).toBe(true);
    const mmsc = family === 'oma-standard' ? './MMS/DmsMMS/MMSC' : './Vendor/X/Settings/MMS/MMSC';
    expect(tree.text(mmsc)).toBe('http://mmsc2.operator.example/');
  });
});

describe('family specifics', () => {
  const profile = sampleProfile();

  it('oma-standard Adds each MMS instance inside one Atomic; the home page is a plain Replace', () => {
    const rendered = renderSettings(layouts['oma-standard'], { profile, settings: ['mms', 'wap'] });
    expect(verbs(rendered.commands).slice(0, 4)).toEqual(['Atomic', '  Add', '  Add', '  Add']);
    expect(rendered.commands[0]!.children!.slice(0, 3).map((c) => [c.target, c.format])).toEqual([
      ['./ConnMO/NAP/DmsMMS', 'node'],
      ['./ConnMO/Proxy/DmsMMSProxy', 'node'],
      ['./MMS/DmsMMS', 'node'],
    ]);
    expect(rendered.commands[1]).toEqual({ verb: 'Replace', target: './Browser/HomePage', data: 'http://portal.operator.example/', format: 'chr', type: 'text/plain' });
  });

  it('vendor-x uses Replace only for its fixed slots, with the proxy port as int', () => {
    const rendered = renderSettings(layouts['vendor-x'], { profile, settings: ['mms', 'internet-apn'] });
    const members = rendered.commands.flatMap((c) => c.children ?? [c]);
    expect(new Set(members.map((c) => c.verb))).toEqual(new Set(['Replace']));
    expect(members.find((c) => c.target === './Vendor/X/Settings/MMS/ProxyPort')).toMatchObject({ data: '8080', format: 'int' });
  });

  it('a re-Add of an existing oma-standard instance fails as one Atomic and leaves the handset as it was', () => {
    const tree = emptyHandset('oma-standard');
    const commands = renderSettings(layouts['oma-standard'], { profile, settings: ['internet-apn'] }).commands;
    applyToTree(tree, commands);
    tree.replace('./ConnMO/NAP/DmsInternet/Addr', { value: 'changed.apn' });
    const second = applyToTree(tree, commands);
    expect(second[0]).toMatchObject({ verb: 'Atomic', status: 507 });
    expect(tree.text('./ConnMO/NAP/DmsInternet/Addr')).toBe('changed.apn');
  });

  it('e-mail needs the address typed by the user, and vendor-x has no place for it', () => {
    const provider = profile.email!.generic!;
    expect(renderSettings(layouts['oma-standard'], { profile, settings: ['email'] }).unsupported).toEqual(['email']);
    const tree = emptyHandset('oma-standard');
    const rendered = renderSettings(layouts['oma-standard'], {
      profile,
      settings: ['email'],
      personal: { emailAddress: 'ann@example.org', mailProvider: provider },
    });
    expect(applyToTree(tree, rendered.commands).every((r) => r.status < 300)).toBe(true);
    expect(tree.text('./Email/DmsMail/Addr')).toBe('ann@example.org');
    expect(tree.text('./Email/DmsMail/OutPort')).toBe('587');
    const vx = renderSettings(layouts['vendor-x'], { profile, settings: ['email'], personal: { emailAddress: 'a@b.c', mailProvider: provider } });
    expect(vx).toEqual({ commands: [], settings: [], unsupported: ['email'] });
  });

  it('expected settings name the family SCOMO inventory root and leave e-mail out', () => {
    const oma = expectedSettings(template('oma-standard'), profile);
    expect(oma.softwareInventory).toBe('./SCOMO/Inventory/Deployed');
    expect(expectedSettings(template('vendor-x'), profile).softwareInventory).toBe('./Vendor/X/SwMgmt/Inventory/Deployed');
    expect(oma.expected.some((e) => e.setting === 'email')).toBe(false);
  });
});

describe('expected instances (diagnostics finds the handset own instance of each by content)', () => {
  const profile = sampleProfile();

  it('oma-standard lists each collection instance (config-owned Dms names) with its match leaf; the MMS NAP and proxy are reached through the MMS references', () => {
    expect(expectedSettings(template('oma-standard'), profile).instances).toEqual([
      { setting: 'mms', uri: './MMS/DmsMMS', match: 'MMSC', owned: true },
      { setting: 'mms', uri: './ConnMO/NAP/DmsMMS', match: 'Addr', owned: true, via: { uri: './MMS/DmsMMS', leaf: 'NapRef' } },
      { setting: 'mms', uri: './ConnMO/Proxy/DmsMMSProxy', match: 'Addr', owned: true, via: { uri: './MMS/DmsMMS', leaf: 'ProxyRef' } },
      { setting: 'internet-apn', uri: './ConnMO/NAP/DmsInternet', match: 'Addr', owned: true },
      { setting: 'bookmarks', uri: './Browser/Bookmarks/DmsBm1', match: 'URL', owned: true },
      { setting: 'bookmarks', uri: './Browser/Bookmarks/DmsBm2', match: 'URL', owned: true },
    ]);
  });

  it('vendor-x lists its numbered bookmarks only, not owned: the other settings are fixed slots', () => {
    expect(expectedSettings(template('vendor-x'), profile).instances).toEqual([
      { setting: 'bookmarks', uri: './Vendor/X/Browser/Bookmark/1', match: 'Url' },
      { setting: 'bookmarks', uri: './Vendor/X/Browser/Bookmark/2', match: 'Url' },
    ]);
  });

  it.each(['oma-standard', 'vendor-x'] as const)('%s: match and reference leaves are expected leaves; settings without values list nothing', (family) => {
    const expected = expectedSettings(template(family), profile);
    const value = new Map(expected.expected.map((e) => [e.nodeUri, e.value]));
    for (const i of expected.instances ?? []) {
      expect(value.has(`${i.uri}/${i.match}`)).toBe(true);
      if (i.via !== undefined) expect(value.get(`${i.via.uri}/${i.via.leaf}`)).toBe(i.uri);
    }
    const bare = expectedSettings(template(family), sampleProfile({ mms: undefined, bookmarks: undefined }));
    expect(new Set((bare.instances ?? []).map((i) => i.setting))).toEqual(new Set(family === 'oma-standard' ? ['internet-apn'] : []));
  });
});
