export * from './config-service';
export { configServiceConfig, defaultConfigSettings, SAMPLE_PROFILE_FILE, type ConfigServiceConfig } from './config';
export type { CommandPlan, PlanCommands, PlanTarget } from './domain/command.planner';
export type { SettingsProfile } from './domain/profile.model';
export type { DeviceTemplate } from './domain/template.model';
