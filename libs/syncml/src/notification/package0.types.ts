import type { NonceForm } from '../auth/nonce';
import type { Initiator, NotificationVersion, UiMode } from './package0.codes';

/** The fields a server chooses when it asks a device to call back (OMA-TS-DM_Notification 6.2). */
export interface Package0Fields {
  readonly uiMode: UiMode;
  readonly initiator: Initiator;
  /** DM SessionID the client must use, 1..0xFFFF; the client writes it as upper-case hex. */
  readonly sessionId: number;
  /** Must equal ./DMAcc/<x>/ServerID on the device. */
  readonly serverId: string;
  readonly vendorSpecific?: Uint8Array;
}

/** A decoded Package 0 (decodePackage0). */
export interface Package0Notification extends Package0Fields {
  /** The raw 10-bit version value (11 = "1.1", 12 = "1.2"). */
  readonly version: number;
  readonly vendorSpecific: Uint8Array;
  /** 16 raw MD5 octets. */
  readonly digest: Uint8Array;
  /** Every byte after the digest: the octets the digest's B64(H(notification)) covers. */
  readonly trigger: Uint8Array;
}

/** Which name enters B64(H(name:password)): the spec and Android use the ServerID, libdmclient the SRVCRED AAuthName. */
export type DigestName = 'server-id' | 'username';

/**
 * How one device family wants its Package 0 and the SMS around it. Chosen per TAC / model by
 * the gateway; `defaultNotificationProfile` follows the spec.
 */
export interface NotificationProfile {
  readonly versionField: NotificationVersion;
  readonly digestName: DigestName;
  /** How the server nonce enters the digest; the spec says decoded octets. */
  readonly nonceForm: NonceForm;
  /** SMPP data_coding for the binary SMS: 0x04 (8-bit) or 0xF5 (8-bit, message class 1). */
  readonly dataCoding: 0x04 | 0xf5;
  /** WDP source port in the UDH; 9200 (WSP connectionless) unless a family needs another. */
  readonly sourcePort: number;
}

export const defaultNotificationProfile: NotificationProfile = {
  versionField: 11,
  digestName: 'server-id',
  nonceForm: 'decoded',
  dataCoding: 0x04,
  sourcePort: 9200,
};

export interface Package0EncodeOptions {
  /** The SRVCRED AAuthSecret. */
  readonly serverPassword: string;
  /** The SRVCRED AAuthData octets the device currently expects (decoded from its base64). */
  readonly serverNonce: Uint8Array;
  readonly digestName?: DigestName;
  /** SRVCRED AAuthName; required when digestName is 'username'. */
  readonly username?: string;
  readonly versionField?: NotificationVersion;
  readonly nonceForm?: NonceForm;
}
