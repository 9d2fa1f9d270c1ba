/**
 * Server-initiated sessions (OMA DM 1.2 notification, Package 0): the gateway asks this
 * port to wake a handset when a job wants it (notify=true). The implementation (Package 0
 * over SMPP to an SMSC, DM bootstrap) lives in src/wake-up/ and is owned by its module.
 */
export type NotificationUiMode = 'not-specified' | 'background' | 'informative' | 'user-interaction';

/** The DM account fields the Package 0 digest needs (notification 6.2: H(server-id:server-pw) : nonce : H(trigger)). */
export interface WakeUpAccount {
  readonly username: string;
  readonly serverPassword: string;
  /** Base64 of the nonce the handset expects in the server's next digest (SRVCRED AAuthData). */
  readonly serverNonce: string;
}

export interface WakeUpRequest {
  readonly deviceId: string;
  readonly msisdn?: string;
  readonly serverId: string;
  /** 16-bit session id of Package 0; the handset answers with it in upper-case hex. */
  readonly sessionId: number;
  readonly uiMode: NotificationUiMode;
  readonly account: WakeUpAccount;
  readonly correlationId?: string;
}

export interface WakeUpResult {
  readonly sent: boolean;
  readonly reason?: string;
}

export interface DeviceWakeUp {
  wake(request: WakeUpRequest): Promise<WakeUpResult>;
}
