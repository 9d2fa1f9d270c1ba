import type { ExecutedCommand, GenericAlert } from '../commands/execution.types';
import type { FumoBehaviour } from '../commands/fumo.exec';
import type { UiAnswers } from '../commands/ui-alert.handler';
import type { SettingsPreset } from '../tree/connectivity.seed';
import type { DeviceFamilyName, DeviceIdentity } from '../tree/device-family';
import type { DeployedComponentSeed } from '../tree/management-objects.seed';

export type AuthScheme = 'basic' | 'md5' | 'hmac';

export interface HandsetAuthOptions {
  /** syncml:auth-basic / syncml:auth-md5 in SyncHdr Cred, or syncml:auth-MAC in the x-syncml-hmac header. */
  readonly scheme: AuthScheme;
  /** CLCRED AAuthName (SyncHdr Source LocName for md5 and hmac). */
  readonly username: string;
  /** CLCRED AAuthSecret. */
  readonly password: string;
  /** DMAcc ServerID: the name in the server's credential and the Package 0 digest. */
  readonly serverId: string;
  /** SRVCRED AAuthSecret. */
  readonly serverPassword: string;
  /** Check the server's credential (Cred in its SyncHdr, or its x-syncml-hmac header). Default false. */
  readonly verifyServer?: boolean;
  /** Base64 CLCRED AAuthData: the nonce the server expects first. Default none (empty). */
  readonly clientNonce?: string;
  /** Base64 SRVCRED AAuthData: the nonce the server must use (server Cred, Package 0). Default none. */
  readonly serverNonce?: string;
}

/** Ways the handset can break the protocol on purpose, for the gateway's negative tests. */
export interface Misbehaviour {
  /** Credentials are computed with a wrong password (Cred or x-syncml-hmac). */
  readonly wrongPassword?: boolean;
  /** The first nonce is used for every digest, whatever NextNonce the server sends. */
  readonly replayNonce?: boolean;
  /** Package 1 goes out as broken XML, broken WBXML, or cut in half in the session encoding. */
  readonly malformedMessage?: 'xml' | 'wbxml' | 'truncated';
  /** After n complete exchanges the next message is half written and the socket destroyed. */
  readonly dropConnectionAfterMessages?: number;
}

export interface HandsetOptions {
  readonly deviceId: string;
  readonly family: DeviceFamilyName;
  readonly encoding: 'xml' | 'wbxml';
  readonly serverUrl: string;
  readonly auth: HandsetAuthOptions;
  /** Advertised in SyncHdr Meta: the largest message the handset accepts. Default 16000. */
  readonly maxMsgSize?: number;
  /** Advertised in SyncHdr Meta: the largest object the handset accepts. Default 1 MiB. */
  readonly maxObjSize?: number;
  readonly uiAnswers?: UiAnswers;
  readonly misbehave?: Misbehaviour;
  readonly fetch?: typeof fetch;
  /** Connectivity settings at start: none (a new handset, default) or factory presets. */
  readonly settings?: SettingsPreset;
  readonly identity?: Partial<DeviceIdentity>;
  readonly deployedComponents?: readonly DeployedComponentSeed[];
  readonly fumo?: FumoBehaviour;
  /** When FUMO/SCOMO results are reported: in the next session's Package 1 (default) or in the same session. */
  readonly reportAsyncResults?: 'next-session' | 'same-session';
  /** Name of the ./DMAcc/<x> account. Default `dms`. */
  readonly accountName?: string;
  /** Guard against a server that never ends the session. Default 100 messages. */
  readonly maxMessagesPerSession?: number;
  /** Auth retries after 401/407 before giving up. Default 2. */
  readonly maxAuthRetries?: number;
}

export interface StartSessionOptions {
  /** client: Alert 1201; server: Alert 1200 (answering Package 0). */
  readonly reason: 'client' | 'server';
  readonly genericAlerts?: readonly GenericAlert[];
  /** SessionID to use; Package 0 gives it as upper-case hex. Default: the next decimal id. */
  readonly sessionId?: string;
}

export type SessionOutcome =
  | 'completed'
  | 'aborted-by-server'
  | 'auth-failed'
  | 'server-auth-failed'
  | 'http-error'
  | 'protocol-error'
  | 'transport-error'
  | 'connection-dropped'
  | 'message-limit';

export type AuthOutcome = 'accepted' | 'rejected' | 'unknown';

/** A Status the server sent for one of the handset's commands. */
export interface ServerStatus {
  readonly cmd: string;
  readonly msgRef: string;
  readonly cmdRef: string;
  readonly status: number;
}

export interface SessionReport {
  readonly sessionId: string;
  readonly outcome: SessionOutcome;
  readonly messagesSent: number;
  readonly messagesReceived: number;
  readonly commandsExecuted: readonly ExecutedCommand[];
  readonly authOutcome: AuthOutcome;
  readonly authRetries: number;
  readonly serverStatuses: readonly ServerStatus[];
  readonly genericAlertsSent: readonly GenericAlert[];
  readonly durationMs: number;
  readonly httpStatuses: readonly number[];
  /** Why the session did not complete. */
  readonly error?: string;
}
