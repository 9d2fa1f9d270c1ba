import type { DmCommand, SettingKind } from '@dms/contracts';

export interface PlanTarget {
  deviceId: string;
  msisdn?: string;
  manufacturer?: string;
  model?: string;
  tac?: string;
}

export interface CommandPlan {
  commands: DmCommand[];
  profileId: string;
  profileVersion: number;
  settings: SettingKind[];
}

/** Provided by the config core: the profile's commands through the handset family's template; undefined when no template fits. */
export type PlanCommands = (target: PlanTarget, settings?: SettingKind[]) => Promise<CommandPlan | undefined>;
