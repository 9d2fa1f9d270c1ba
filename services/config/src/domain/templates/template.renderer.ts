import type { DmCommand, ExpectedSettings, SettingKind } from '@dms/contracts';
import type { SettingsProfile } from '../profile.model';
import type { SettingFindings } from '../setting-findings';
import type { DeviceTemplate, TemplateFamily } from '../template.model';
import { leafCommand, nodeCommand } from './dm-commands';
import { isBasic, type FamilyLayout, type PersonalData } from './family-layout';
import { renderFindings } from './findings.renderer';
import { omaStandardLayout } from './oma-standard.layout';
import { vendorXLayout } from './vendor-x.layout';

export const layouts: Readonly<Record<TemplateFamily, FamilyLayout>> = {
  'oma-standard': omaStandardLayout,
  'vendor-x': vendorXLayout,
};

export interface RenderRequest {
  readonly profile: SettingsProfile;
  readonly settings: readonly SettingKind[];
  /** Settings whose instances the handset already holds (config pushed them before): Replace, not Add. */
  readonly existing?: ReadonlySet<SettingKind>;
  /** What a diagnostic report found per setting; a setting listed here is placed by it, not by `existing`. */
  readonly findings?: readonly SettingFindings[];
  readonly personal?: PersonalData;
}

export interface RenderedSettings {
  readonly commands: DmCommand[];
  /** The settings the commands write, in request order. */
  readonly settings: SettingKind[];
  /** Asked for but without a place in this family's tree or a value in the profile. */
  readonly unsupported: SettingKind[];
  /** Written only into the handset's own instances (from findings): the template's are not all there. */
  readonly outsideTemplate?: SettingKind[];
  /** Finding URIs the template has nothing for (not acted on). */
  readonly ignored?: { setting: SettingKind; uri: string }[];
}

/**
 * One Atomic per setting (RepPro 6.6.2: all-or-nothing, and Atomic may not nest), so a
 * half-written APN never stays behind. A dynamic instance that is new is Added (interior
 * node first, then its leaves); one that exists, or a fixed slot, gets Replace of its leaves.
 * A setting of one leaf is a plain Replace. A setting a report has findings for is placed
 * by them (findings.renderer.ts); fixed slots still get Replace of all their leaves.
 */
export function renderSettings(layout: FamilyLayout, request: RenderRequest): RenderedSettings {
  const commands: DmCommand[] = [];
  const settings: SettingKind[] = [];
  const unsupported: SettingKind[] = [];
  const outsideTemplate: SettingKind[] = [];
  const ignored: { setting: SettingKind; uri: string }[] = [];
  for (const setting of request.settings) {
    const leaves = layout.supports(setting) ? layout.leaves(setting, request.profile, request.personal) : undefined;
    if (leaves === undefined || leaves.length === 0) {
      unsupported.push(setting);
      continue;
    }
    const instances = layout.instances(setting, request.profile);
    const found = request.findings?.find((f) => f.setting === setting);
    let members: DmCommand[];
    if (found !== undefined && instances.length > 0) {
      const placed = renderFindings(found, leaves, instances);
      members = placed.commands;
      ignored.push(...placed.ignored.map((uri) => ({ setting, uri })));
      if (!placed.atTemplate && members.length > 0) outsideTemplate.push(setting);
    } else if (instances.length > 0 && request.existing?.has(setting) !== true)
      members = [...instances.map(nodeCommand), ...leaves.map((leaf) => leafCommand('Add', leaf))];
    else members = leaves.map((leaf) => leafCommand('Replace', leaf));
    if (members.length === 0) continue;
    commands.push(...(members.length === 1 ? members : [{ verb: 'Atomic', children: members } satisfies DmCommand]));
    settings.push(setting);
  }
  return {
    commands,
    settings,
    unsupported,
    ...(outsideTemplate.length === 0 ? {} : { outsideTemplate }),
    ...(ignored.length === 0 ? {} : { ignored }),
  };
}

/**
 * What diagnostics reads and compares: readable leaves of the basic settings (no secrets,
 * nothing personal), and the dynamic instances among them, so the handset's own can be found.
 */
export function expectedSettings(template: DeviceTemplate, profile: SettingsProfile): ExpectedSettings {
  const layout = layouts[template.family];
  const expected: ExpectedSettings['expected'] = [];
  const instances: NonNullable<ExpectedSettings['instances']> = [];
  for (const setting of ['mms', 'internet-apn', 'wap', 'bookmarks'] as const) {
    if (!isBasic(setting) || !layout.supports(setting)) continue;
    const leaves = layout.leaves(setting, profile) ?? [];
    for (const leaf of leaves) if (leaf.secret !== true) expected.push({ setting, nodeUri: leaf.uri, value: leaf.value });
    if (leaves.length > 0) instances.push(...layout.matchable(setting, profile).map((i) => ({ setting, ...i })));
  }
  return {
    family: template.family,
    templateId: template.id,
    profileId: profile.id,
    profileVersion: profile.version,
    reads: expected.map((e) => e.nodeUri),
    ...(layout.softwareInventory === undefined ? {} : { softwareInventory: layout.softwareInventory }),
    expected,
    instances,
  };
}
