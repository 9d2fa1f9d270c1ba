import type { Finding, SettingKind } from '@dms/contracts';

type SettingMissing = Extract<Finding, { kind: 'setting-missing' }>;
/** An instance of the template (`template`) the handset lacks, and the free place (`at`) to Add it. */
export type MissingInstance = NonNullable<SettingMissing['instances']>[number];

/**
 * What one diagnostic report says about one setting, gathered from its setting-* findings.
 * The report does not know the template, so the renderer decides against the layout what
 * each of these means (findings.renderer.ts).
 */
export interface SettingFindings {
  readonly setting: SettingKind;
  /** `whole`: setting-missing without instances (none of it is there); else only these instances are missing. */
  readonly missing: 'whole' | readonly MissingInstance[];
  /** setting-wrong: the leaf read and the value diagnostics expected there; `absent`: not on the handset (Add it). */
  readonly wrong: readonly { readonly nodeUri: string; readonly expected: string; readonly absent?: boolean }[];
}

/** Per setting, in the order the findings first name it; a whole-missing finding outweighs instance ones. */
export function settingFindingsOf(findings: readonly Finding[]): SettingFindings[] {
  const bySetting = new Map<
    SettingKind,
    { missing: 'whole' | MissingInstance[]; wrong: SettingFindings['wrong'][number][] }
  >();
  const entry = (setting: SettingKind) => {
    const found = bySetting.get(setting) ?? { missing: [], wrong: [] };
    bySetting.set(setting, found);
    return found;
  };
  for (const finding of findings) {
    if (finding.kind === 'setting-missing') {
      const found = entry(finding.setting);
      if (finding.instances === undefined) found.missing = 'whole';
      else if (found.missing !== 'whole') found.missing.push(...finding.instances);
    }
    if (finding.kind === 'setting-wrong')
      entry(finding.setting).wrong.push({
        nodeUri: finding.nodeUri,
        expected: finding.expected,
        ...(finding.absent === true ? { absent: true } : {}),
      });
  }
  return [...bySetting].map(([setting, found]) => ({ setting, ...found }));
}
