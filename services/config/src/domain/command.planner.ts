import type { SettingKind } from '@dms/contracts';
import type { CommandPlan, PlanCommands, PlanTarget } from '../campaigns/domain/campaign.ports';
import type { DeviceStateRepository } from '../data-access/device-state.repository';
import type { TerminalLookup } from '../data-access/rpc-terminal.lookup';
import type { TemplateService } from './template.service';
import type { DeviceTemplate, HandsetModel } from './template.model';
import type { SettingsProfile } from './profile.model';
import type { SettingFindings } from './setting-findings';
import { BASIC_SETTINGS, type PersonalData } from './templates/family-layout';
import { layouts, renderSettings } from './templates/template.renderer';

// The port campaigns call (they own its shape); this planner is its implementation.
export type { CommandPlan, PlanCommands, PlanTarget } from '../campaigns/domain/campaign.ports';

export interface DetailedPlan extends CommandPlan {
  template: DeviceTemplate;
  profile: SettingsProfile;
  unsupported: SettingKind[];
  /** Written only into the handset's own instances: not to be recorded as `applied`. */
  outsideTemplate: SettingKind[];
  /** Report finding URIs the template has nothing for. */
  ignored: { setting: SettingKind; uri: string }[];
  handset: HandsetModel;
}

/**
 * Turns "these settings on this handset" into DM commands: the handset's model (report,
 * else the terminal catalog), its template and profile, and which instances config wrote
 * there before (those get Replace instead of Add). A diagnostic report's findings are
 * fresher than that record: with them, only what the report says is there counts.
 */
export class CommandPlanner {
  constructor(
    private readonly templates: TemplateService,
    private readonly terminals: TerminalLookup,
    private readonly devices: DeviceStateRepository,
  ) {}

  async plan(
    target: PlanTarget,
    settings: readonly SettingKind[] = BASIC_SETTINGS,
    options: { findings?: readonly SettingFindings[]; personal?: PersonalData } = {},
  ): Promise<DetailedPlan | undefined> {
    const handset = await this.terminals.complete(target.deviceId, target);
    const choice = await this.templates.choose(handset);
    if (choice === undefined) return undefined;
    const record = options.findings === undefined ? await this.devices.get(target.deviceId) : undefined;
    const rendered = renderSettings(layouts[choice.template.family], {
      profile: choice.profile,
      settings,
      existing: new Set(record?.applied ?? []),
      ...(options.findings === undefined ? {} : { findings: options.findings }),
      ...(options.personal === undefined ? {} : { personal: options.personal }),
    });
    return {
      commands: rendered.commands,
      profileId: choice.profile.id,
      profileVersion: choice.profile.version,
      settings: rendered.settings,
      unsupported: rendered.unsupported,
      outsideTemplate: rendered.outsideTemplate ?? [],
      ignored: rendered.ignored ?? [],
      template: choice.template,
      profile: choice.profile,
      handset,
    };
  }

  /** The planner handed to campaigns (bound, so it can be passed around as a function). */
  readonly planCommands: PlanCommands = async (target, settings) => {
    const plan = await this.plan(target, settings ?? BASIC_SETTINGS);
    if (plan === undefined || plan.commands.length === 0) return undefined;
    return { commands: plan.commands, profileId: plan.profileId, profileVersion: plan.profileVersion, settings: plan.settings };
  };
}
