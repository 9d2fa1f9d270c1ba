import type { DmCommand, ExpectedSettings, SettingKind } from '@dms/contracts';
import type { SettingsProfile } from '../profile.model';
import type { DeviceTemplate, TemplateFamily } from '../template.model';
import { isBasic, type FamilyLayout, type PersonalData, type SettingLeaf } from './family-layout';
import { omaStandardLayout } from './oma-standard.layout';
import { vendorXLayout } from './vendor-x.layout';

export const layouts: Readonly<Record<TemplateFamily, FamilyLayout>> = {
  'oma-standard': omaStandardLayout,
  'vendor-x': vendorXLayout,
};

export interface RenderRequest {
  readonly profile: SettingsProfile;
  readonly settings: readonly SettingKind[];
  /** Settings whose instances the handset already holds (we pushed them, or diagnostics read them): Replace, not Add. */
  readonly existing?: ReadonlySet<SettingKind>;
  readonly personal?: PersonalData;
}

export interface RenderedSettings {
  readonly commands: DmCommand[];
  /** The settings the commands write, in request order. */
  readonly settings: SettingKind[];
  /** Asked for but without a place in this family's tree or a value in the profile. */
  readonly unsupported: SettingKind[];
}

const leafCommand = (verb: 'Add' | 'Replace', leaf: SettingLeaf): DmCommand => ({
  verb,
  target: leaf.uri,
  data: leaf.value,
  format: leaf.format ?? 'chr',
  ...(leaf.format === undefined || leaf.format === 'chr' ? { type: 'text/plain' } : {}),
});

/**
 * One Atomic per setting (RepPro 6.6.2: all-or-nothing, and Atomic may not nest), so a
 * half-written APN never stays behind. A dynamic instance that is new is Added (interior
 * node first, then its leaves); one that exists, or a fixed slot, gets Replace of its leaves.
 * A setting of one leaf is a plain Replace.
 */
export function renderSettings(layout: FamilyLayout, request: RenderRequest): RenderedSettings {
  const commands: DmCommand[] = [];
  const settings: SettingKind[] = [];
  const unsupported: SettingKind[] = [];
  for (const setting of request.settings) {
    const leaves = layout.supports(setting) ? layout.leaves(setting, request.profile, request.personal) : undefined;
    if (leaves === undefined || leaves.length === 0) {
      unsupported.push(setting);
      continue;
    }
    const instances = layout.instances(setting, request.profile);
    const add = instances.length > 0 && request.existing?.has(setting) !== true;
    const members: DmCommand[] = add
      ? [
          ...instances.map((uri): DmCommand => ({ verb: 'Add', target: uri, format: 'node' })),
          ...leaves.map((leaf) => leafCommand('Add', leaf)),
        ]
      : leaves.map((leaf) => leafCommand('Replace', leaf));
    commands.push(...(members.length === 1 ? members : [{ verb: 'Atomic', children: members } satisfies DmCommand]));
    settings.push(setting);
  }
  return { commands, settings, unsupported };
}

/** What diagnostics reads and compares: readable leaves of the basic settings (no secrets, nothing personal). */
export function expectedSettings(template: DeviceTemplate, profile: SettingsProfile): ExpectedSettings {
  const layout = layouts[template.family];
  const expected: ExpectedSettings['expected'] = [];
  for (const setting of ['mms', 'internet-apn', 'wap', 'bookmarks'] as const) {
    if (!isBasic(setting) || !layout.supports(setting)) continue;
    for (const leaf of layout.leaves(setting, profile) ?? [])
      if (leaf.secret !== true) expected.push({ setting, nodeUri: leaf.uri, value: leaf.value });
  }
  return {
    family: template.family,
    templateId: template.id,
    profileId: profile.id,
    profileVersion: profile.version,
    reads: expected.map((e) => e.nodeUri),
    ...(layout.softwareInventory === undefined ? {} : { softwareInventory: layout.softwareInventory }),
    expected,
  };
}
