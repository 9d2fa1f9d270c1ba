import { OperationalError, UserError, type DmsErrorOptions } from '@dms/service-kit';

/** Why the simulator could not do what it was asked (STYLE.md 6: codes, never message text). */
export const DeviceSimErrorCodes = {
  /** Options that cannot describe a handset (unknown family, no DMAcc for the server). */
  invalidOptions: 'DEVICE_SIM_INVALID_OPTIONS',
  /** A path the seeding code or a caller gave that is not a DM tree URI. */
  invalidUri: 'DEVICE_SIM_INVALID_URI',
  /** The server answered with something that is not a DM message or not HTTP 200. */
  serverResponse: 'DEVICE_SIM_SERVER_RESPONSE',
  /** The HTTP exchange itself failed (refused, reset, timeout). */
  transport: 'DEVICE_SIM_TRANSPORT',
} as const;

export type DeviceSimErrorCode = (typeof DeviceSimErrorCodes)[keyof typeof DeviceSimErrorCodes];

export class DeviceSimUserError extends UserError {
  constructor(code: DeviceSimErrorCode, message: string, options: DmsErrorOptions = {}) {
    super(code, message, options);
  }
}

export class DeviceSimTransportError extends OperationalError {
  constructor(code: DeviceSimErrorCode, message: string, options: DmsErrorOptions = {}) {
    super(code, message, options);
  }
}
