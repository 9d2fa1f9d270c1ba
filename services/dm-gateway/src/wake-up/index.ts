export {
  createSmppDeviceWakeUp,
  type SmppDeviceWakeUp,
  type SmppDeviceWakeUpOptions,
} from './smpp-device-wake-up';
export { wakeUpConfigFields, smscOptionsFromConfig, type WakeUpConfig } from './wake-up.config';
export type { SmscOptions, SmppAddressKind, WakeUpLogger } from './smsc.options';
export type { WakeUpCounters, WakeUpEvent } from './wake-up.metrics';
export {
  SmppBindRefusedError,
  SmppSubmitError,
  SmppConnectionError,
  SmppClosedError,
  SmppErrorCodes,
} from './smpp.error';
export { SmppStatuses, smppStatus, type SmppStatusClass } from './smpp-status.codes';
export { createDmBootstrap, type DmBootstrap, type DmBootstrapRequest } from './dm-bootstrap';
export {
  generateBootstrapCredentials,
  type DmBootstrapCredentials,
  type CredentialOptions,
} from './dm-bootstrap.credentials';
export type { DmServerAccount, BootstrapAccount } from './dm-bootstrap.account';
export { cpBootstrapPush, w7Application, type CpBootstrapPush } from './cp-bootstrap.document';
export { dmAccAddCommands, type DmAccPlacement } from './dmacc-bootstrap.commands';
export { encodeProvisioningDocument, type ProvCharacteristic } from './prov-document.encoder';
export { dmBootstrapMessage } from './dm-bootstrap.message';
