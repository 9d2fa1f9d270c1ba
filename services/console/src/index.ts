export * from './console';
export { consoleConfig, consoleSettingsFields, type ConsoleConfig, type ConsoleSettings } from './config';
export { ROLES, type Role, type Principal } from './domain/roles';
