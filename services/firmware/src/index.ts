export * from './firmware-service';
export { defaultFirmwareSettings, firmwareServiceConfig, type FirmwareServiceConfig } from './config';
export type { FirmwarePackage, PackageCatalog } from './packages';
