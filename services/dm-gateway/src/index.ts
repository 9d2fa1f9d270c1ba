export { createDmGateway, type DmGateway, type DmGatewayDependencies } from './dm-gateway';
export { dmGatewayConfig, defaultSettings, type DmGatewayConfig, type DmGatewaySettings } from './config';
export type { DeviceWakeUp, WakeUpRequest, WakeUpResult, NotificationUiMode } from './domain/device-wake-up.port';
export { derivedClientPassword, derivedServerPassword } from './domain/dm-account';
