import { OperationalError, UserError } from '@dms/service-kit';
import { smppStatus, type SmppStatusInfo } from './smpp-status.codes';

export const SmppErrorCodes = {
  bindRefused: 'SMPP_BIND_REFUSED',
  submitRefused: 'SMPP_SUBMIT_REFUSED',
  connectionLost: 'SMPP_CONNECTION_LOST',
  timeout: 'SMPP_TIMEOUT',
  closed: 'SMPP_CLOSED',
} as const;

/**
 * The SMSC refused bind_transmitter (0x0D/0x0E/0x0F): a configuration problem, not retried.
 * The message names the setting to fix; the password itself never appears.
 */
export class SmppBindRefusedError extends UserError {
  readonly status: SmppStatusInfo;
  constructor(status: number, where: { host: string; port: number; systemId: string }, settingToFix: string) {
    const info = smppStatus(status);
    super(
      SmppErrorCodes.bindRefused,
      `SMSC ${where.host}:${where.port} refused bind_transmitter of system_id '${where.systemId}' ` +
        `with ${info.name} (0x${status.toString(16).padStart(2, '0')}): check ${settingToFix}`,
      { details: { status, statusName: info.name, systemId: where.systemId } },
    );
    this.status = info;
  }
}

/** submit_sm_resp with a non-zero command_status; retriable when the table says transient or reconnect. */
export class SmppSubmitError extends OperationalError {
  readonly status: SmppStatusInfo;
  constructor(status: number) {
    const info = smppStatus(status);
    super(
      SmppErrorCodes.submitRefused,
      `SMSC refused submit_sm with ${info.name} (0x${status.toString(16)})`,
      {
        retriable: info.class === 'transient' || info.class === 'reconnect',
        details: { status, statusName: info.name, statusClass: info.class },
      },
    );
    this.status = info;
  }
}

/** The TCP connection failed or dropped, or a response did not come in time: retriable. */
export class SmppConnectionError extends OperationalError {
  constructor(
    code: typeof SmppErrorCodes.connectionLost | typeof SmppErrorCodes.timeout,
    message: string,
    cause?: unknown,
  ) {
    super(code, message, cause === undefined ? {} : { cause });
  }
}

/** The transmitter was closed by its owner: nothing more will be sent. */
export class SmppClosedError extends OperationalError {
  constructor() {
    super(SmppErrorCodes.closed, 'SMPP transmitter is closed', { retriable: false });
  }
}
