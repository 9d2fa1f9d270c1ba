export * from './errors/device-sim.error';

export * from './tree/dm-node';
export * from './tree/dm-uri';
export * from './tree/dm-tree';
export * from './tree/device-family';
export * from './tree/management-object.codes';
export { AppAuthNames, seedDmAccount, type AAuthType, type DmAccountSeed } from './tree/dm-account.seed';
export { seedConnectivity, type SettingsPreset } from './tree/connectivity.seed';
export { defaultDeployedComponents, type DeployedComponentSeed } from './tree/management-objects.seed';
export { seedHandsetTree, type HandsetTreeOptions } from './tree/handset-tree.seed';

export * from './commands/execution.types';
export { CommandExecutor, type CommandExecutorOptions } from './commands/command-executor';
export type { UiAnswers } from './commands/ui-alert.handler';
export type { FumoBehaviour } from './commands/fumo.exec';

export * from './client/handset.options';
export { AuthSchemeTypes } from './client/client-credentials';
export { SimulatedHandset, type NotificationOutcome } from './client/simulated-handset';
export type { NotificationRejection } from './notification/package0.check';

export { imeiCheckDigit, imeiFor } from './fleet/imei';
export { createHandsetFleet, runFleetSessions, type FleetOptions } from './fleet/handset-fleet';
