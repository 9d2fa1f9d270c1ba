import type { Command } from '@dms/syncml';

/** A Generic Alert 1226 item (OMA DM 1.2 protocol 2.3.7 / 9.2 of the fact sheet). */
export interface GenericAlert {
  /** Reverse-domain alert type, e.g. `org.openmobilealliance.dm.firmwareupdate.downloadandupdate`. */
  readonly type: string;
  /** Meta Format of the data: `int` for FUMO results, `xml` for SCOMO, `chr` otherwise. */
  readonly format: string;
  /** Item Source LocURI: the MO node the alert is about. */
  readonly source?: string;
  /** Item Target LocURI (SCOMO: the resulting Deployed component). */
  readonly target?: string;
  readonly data: string;
  /** Importance: fatal, critical, minor, warning, informational (default), harmless, indeterminate. */
  readonly mark?: string;
  /** Echoes the Correlator of the Exec this alert reports on. */
  readonly correlator?: string;
}

/** One server command (or nested member) as the handset executed it, for the session report. */
export interface ExecutedCommand {
  readonly verb: string;
  /** Target LocURI of the first item, the alert code for an Alert. */
  readonly target: string;
  readonly status: number;
}

/** What the user simulator was shown and answered (UI alerts 1100-1104). */
export interface UserInteraction {
  readonly alert: number;
  readonly text: string;
  readonly choices: readonly string[];
  readonly status: number;
  readonly answer?: readonly string[];
}

export interface ExecutionOutcome {
  /** Status first, then Results when the command produced any (DM 1.2 4.1.6.12). CmdID is set when a message is built. */
  readonly responses: Command[];
  readonly executed: ExecutedCommand[];
  /** The user said No or cancelled: a Sequence skips the rest (215), an Atomic rolls back. */
  readonly userAbort?: boolean;
}
