import {
  deviceFamilies,
  DmTree,
  seedConnectivity,
  type DeviceFamilyName,
  type SettingsPreset,
} from '@dms/device-sim';
import type { DmCommand } from '@dms/contracts';
import { applyToTree } from '../../test-support/dm-tree.applier';
import { sampleProfile } from '../../test-support/profiles.fixture';
import type { SettingFindings } from '../setting-findings';
import { layouts, renderSettings } from './template.renderer';

const handset = (family: DeviceFamilyName, preset: SettingsPreset = 'factory'): DmTree => {
  const tree = new DmTree();
  seedConnectivity(tree, deviceFamilies[family], preset);
  return tree;
};
const wrong = (setting: SettingFindings['setting'], ...nodeUris: string[]): SettingFindings => ({
  setting,
  missing: [],
  wrong: nodeUris.map((nodeUri) => ({ nodeUri, expected: '' })),
});
const chr = (verb: 'Add' | 'Replace', target: string, data: string): DmCommand => ({
  verb,
  target,
  data,
  format: 'chr',
  type: 'text/plain',
});
const allOk = (tree: DmTree, commands: DmCommand[]): boolean =>
  applyToTree(tree, commands).every((r) => r.status < 300);

describe('settings placed by a report on the handset', () => {
  const profile = sampleProfile();
  const oma = layouts['oma-standard'];

  it('a wrong leaf in a factory instance is Replaced exactly there, in the template format, with that instance secret', () => {
    const changed = sampleProfile({ mms: { ...profile.mms!, proxyPort: 9090 } });
    const tree = handset('oma-standard');
    const findings = [
      wrong('mms', './ConnMO/Proxy/MMSProxy/Port'),
      wrong('internet-apn', './ConnMO/NAP/Internet/Auth/AuthName'),
    ];
    const rendered = renderSettings(oma, { profile: changed, settings: ['mms', 'internet-apn'], findings });
    expect(rendered.commands).toEqual([
      { verb: 'Replace', target: './ConnMO/Proxy/MMSProxy/Port', data: '9090', format: 'int' },
      {
        verb: 'Atomic',
        children: [
          chr('Replace', './ConnMO/NAP/Internet/Auth/AuthName', 'web'),
          chr('Replace', './ConnMO/NAP/Internet/Auth/AuthSecret', 's3cret-pw'),
        ],
      },
    ]);
    expect(rendered.outsideTemplate).toEqual(['mms', 'internet-apn']);
    expect(allOk(tree, rendered.commands)).toBe(true);
    expect([
      tree.text('./ConnMO/Proxy/MMSProxy/Port'),
      tree.find('./ConnMO/Proxy/MMSProxy/Port')?.format,
    ]).toEqual(['9090', 'int']);
    expect(tree.text('./ConnMO/NAP/Internet/Auth/AuthSecret')).toBe('s3cret-pw');
    expect(tree.childNames('./ConnMO/NAP')).toEqual(['Internet', 'MMS']);
  });

  it('an empty profile password never overwrites the one the handset holds', () => {
    const noPassword = sampleProfile({ internet: { ...profile.internet!, password: undefined } });
    const rendered = renderSettings(oma, {
      profile: noPassword,
      settings: ['internet-apn'],
      findings: [wrong('internet-apn', './ConnMO/NAP/Internet/Auth/AuthName')],
    });
    expect(rendered.commands).toEqual([chr('Replace', './ConnMO/NAP/Internet/Auth/AuthName', 'web')]);
  });

  it('bookmarks share a collection: the expected value tells which template bookmark a handset leaf stands for', () => {
    const finding: SettingFindings = {
      setting: 'bookmarks',
      missing: [],
      wrong: [{ nodeUri: './Browser/Bookmarks/Operator/Name', expected: 'Customer care' }],
    };
    const rendered = renderSettings(oma, { profile, settings: ['bookmarks'], findings: [finding] });
    expect(rendered.commands).toEqual([chr('Replace', './Browser/Bookmarks/Operator/Name', 'Customer care')]);
  });

  it('vendor-x: a numbered slot may hold another template bookmark than its number says; the expected value decides', () => {
    const tree = handset('vendor-x');
    tree.replace('./Vendor/X/Browser/Bookmark/1/Url', { value: 'https://care.operator.example/' });
    const finding: SettingFindings = {
      setting: 'bookmarks',
      missing: [],
      wrong: [{ nodeUri: './Vendor/X/Browser/Bookmark/1/Title', expected: 'Customer care' }],
    };
    const rendered = renderSettings(layouts['vendor-x'], {
      profile,
      settings: ['bookmarks'],
      findings: [finding],
    });
    expect(rendered.commands).toEqual([
      chr('Replace', './Vendor/X/Browser/Bookmark/1/Title', 'Customer care'),
    ]);
    expect(allOk(tree, rendered.commands)).toBe(true);
  });

  // The handset's own bookmark sits where the template would put its second one.
  it.each([
    ['vendor-x', './Vendor/X/Browser/Bookmark/2', './Vendor/X/Browser/Bookmark/3', 'Title', 'Url'],
    ['oma-standard', './Browser/Bookmarks/DmsBm2', './Browser/Bookmarks/DmsBm2-1', 'Name', 'URL'],
  ] as const)(
    '%s: a missing bookmark instance is Added at the free place named, interior node first; the handset own ones stay',
    (family, template, at, name, url) => {
      const tree = handset(family);
      const mine = template;
      tree
        .set(`${mine}/${name}`, { value: 'My bank' })
        .set(`${mine}/${url}`, { value: 'https://bank.example/' });
      const finding: SettingFindings = { setting: 'bookmarks', missing: [{ template, at }], wrong: [] };
      const rendered = renderSettings(layouts[family], {
        profile,
        settings: ['bookmarks'],
        findings: [finding],
      });
      expect(rendered.commands).toEqual([
        {
          verb: 'Atomic',
          children: [
            { verb: 'Add', target: at, format: 'node' },
            chr('Add', `${at}/${name}`, 'Customer care'),
            chr('Add', `${at}/${url}`, 'https://care.operator.example/'),
          ],
        },
      ]);
      expect(allOk(tree, rendered.commands)).toBe(true);
      expect([tree.text(`${at}/${url}`), tree.text(`${mine}/${url}`)]).toEqual([
        'https://care.operator.example/',
        'https://bank.example/',
      ]);
      expect(rendered.outsideTemplate).toEqual(['bookmarks']);
    },
  );

  it('an MMS set partly there: only the missing member is Added, and a reference that pointed nowhere is turned to it', () => {
    // config's own set whose proxy was deleted on the handset
    const own = handset('oma-standard', 'none');
    expect(allOk(own, renderSettings(oma, { profile, settings: ['mms'] }).commands)).toBe(true);
    own.delete('./ConnMO/Proxy/DmsMMSProxy');
    const proxy: SettingFindings = { setting: 'mms', missing: [{ template: './ConnMO/Proxy/DmsMMSProxy', at: './ConnMO/Proxy/DmsMMSProxy' }], wrong: [] };
    const again = renderSettings(oma, { profile, settings: ['mms'], findings: [proxy] });
    expect(allOk(own, again.commands)).toBe(true);
    expect([own.text('./ConnMO/Proxy/DmsMMSProxy/Addr'), own.text('./ConnMO/Proxy/DmsMMSProxy/NapRef')]).toEqual(['10.0.0.10', './ConnMO/NAP/DmsMMS']);

    // a factory MMS instance whose NAP is gone
    const factory = handset('oma-standard');
    factory.delete('./ConnMO/NAP/MMS');
    factory.set('./MMS/Operator/NapRef', { value: './ConnMO/NAP/Gone' });
    const nap: SettingFindings = {
      setting: 'mms',
      missing: [{ template: './ConnMO/NAP/DmsMMS', at: './ConnMO/NAP/DmsMMS' }],
      wrong: [{ nodeUri: './MMS/Operator/NapRef', expected: './ConnMO/NAP/DmsMMS' }],
    };
    const repaired = renderSettings(oma, { profile, settings: ['mms'], findings: [nap] });
    expect(allOk(factory, repaired.commands)).toBe(true);
    expect(factory.text('./MMS/Operator/NapRef')).toBe('./ConnMO/NAP/DmsMMS');
    expect(factory.text('./ConnMO/NAP/DmsMMS/Addr')).toBe('mms.operator.example');
    expect(factory.childNames('./MMS')).toEqual(['Operator']);
  });

  it('a leaf the handset does not have (404) is Added, with the secret beside it, not Replaced', () => {
    const tree = handset('oma-standard');
    tree.delete('./ConnMO/NAP/Internet/Auth');
    const findings: SettingFindings[] = [
      {
        setting: 'internet-apn',
        missing: [],
        wrong: [
          { nodeUri: './ConnMO/NAP/Internet/Auth/AuthType', expected: 'PAP', absent: true },
          { nodeUri: './ConnMO/NAP/Internet/Auth/AuthName', expected: 'web', absent: true },
        ],
      },
    ];
    const rendered = renderSettings(oma, { profile, settings: ['internet-apn'], findings });
    expect(rendered.commands).toEqual([
      {
        verb: 'Atomic',
        children: [
          chr('Add', './ConnMO/NAP/Internet/Auth/AuthType', 'PAP'),
          chr('Add', './ConnMO/NAP/Internet/Auth/AuthName', 'web'),
          chr('Add', './ConnMO/NAP/Internet/Auth/AuthSecret', 's3cret-pw'),
        ],
      },
    ]);
    expect(allOk(tree, rendered.commands)).toBe(true);
    expect(tree.text('./ConnMO/NAP/Internet/Auth/AuthName')).toBe('web');
  });

  it('a setting missing as a whole is Added even when config recorded it as written before', () => {
    const tree = handset('oma-standard', 'none');
    const findings: SettingFindings[] = [{ setting: 'internet-apn', missing: 'whole', wrong: [] }];
    const rendered = renderSettings(oma, {
      profile,
      settings: ['internet-apn'],
      existing: new Set(['internet-apn'] as const),
      findings,
    });
    expect(rendered.commands).toEqual(renderSettings(oma, { profile, settings: ['internet-apn'] }).commands);
    expect(rendered.commands[0]!.children!.slice(0, 2).map((c) => [c.verb, c.target])).toEqual([
      ['Add', './ConnMO/NAP/DmsInternet'],
      ['Add', './ConnMO/NAP/DmsInternet/Auth'],
    ]);
    expect(allOk(tree, rendered.commands)).toBe(true);
    expect(rendered.outsideTemplate).toBeUndefined();
  });

  it('a wrong leaf at the template own instance Replaces all leaves of the setting, secrets included, as before', () => {
    const tree = handset('oma-standard', 'none');
    applyToTree(tree, renderSettings(oma, { profile, settings: ['mms', 'internet-apn'] }).commands);
    const findings = [
      wrong('mms', './MMS/DmsMMS/MMSC'),
      wrong('internet-apn', './ConnMO/NAP/DmsInternet/Addr'),
    ];
    const rendered = renderSettings(oma, { profile, settings: ['mms', 'internet-apn'], findings });
    const before = renderSettings(oma, {
      profile,
      settings: ['mms', 'internet-apn'],
      existing: new Set(['mms', 'internet-apn'] as const),
    });
    expect(rendered.commands).toEqual(before.commands);
    expect(rendered.commands.map((c) => c.children!.length)).toEqual([12, 7]);
    expect(JSON.stringify(rendered.commands)).toContain('s3cret-pw');
    expect(allOk(tree, rendered.commands)).toBe(true);
    expect(rendered.outsideTemplate).toBeUndefined();
  });

  it('a wrong Dms bookmark Replaces that bookmark only: the others may be the handset own ones, elsewhere', () => {
    const tree = handset('oma-standard');
    applyToTree(tree, renderSettings(oma, { profile, settings: ['bookmarks'] }).commands);
    tree.delete('./Browser/Bookmarks/DmsBm1');
    tree.set('./Browser/Bookmarks/DmsBm2/Name', { value: 'Care (old)' });
    const rendered = renderSettings(oma, {
      profile,
      settings: ['bookmarks'],
      findings: [wrong('bookmarks', './Browser/Bookmarks/DmsBm2/Name')],
    });
    expect(rendered.commands).toEqual([
      {
        verb: 'Atomic',
        children: [
          chr('Replace', './Browser/Bookmarks/DmsBm2/Name', 'Customer care'),
          chr('Replace', './Browser/Bookmarks/DmsBm2/URL', 'https://care.operator.example/'),
        ],
      },
    ]);
    expect(allOk(tree, rendered.commands)).toBe(true);
    expect(rendered.outsideTemplate).toEqual(['bookmarks']);
  });

  it('fixed slots keep getting Replace of all their leaves, whatever the finding', () => {
    const vx = layouts['vendor-x'];
    const findings: SettingFindings[] = [{ setting: 'internet-apn', missing: 'whole', wrong: [] }];
    const rendered = renderSettings(vx, { profile, settings: ['internet-apn'], findings });
    expect(rendered.commands).toEqual(renderSettings(vx, { profile, settings: ['internet-apn'] }).commands);
    expect(rendered.commands[0]!.children!.map((c) => c.verb)).toEqual([
      'Replace',
      'Replace',
      'Replace',
      'Replace',
    ]);
  });

  it('findings the template has no leaf or instance for are left out and named', () => {
    const findings: SettingFindings[] = [
      {
        setting: 'bookmarks',
        missing: [{ template: './Browser/Bookmarks/DmsBm9', at: './Browser/Bookmarks/X' }],
        wrong: [{ nodeUri: './Browser/Bookmarks/Operator/Icon', expected: '' }],
      },
    ];
    const rendered = renderSettings(oma, { profile, settings: ['bookmarks'], findings });
    expect(rendered).toEqual({
      commands: [],
      settings: [],
      unsupported: [],
      ignored: [
        { setting: 'bookmarks', uri: './Browser/Bookmarks/DmsBm9' },
        { setting: 'bookmarks', uri: './Browser/Bookmarks/Operator/Icon' },
      ],
    });
  });
});
