import type { Command } from '@dms/syncml';
import type { ExecutedCommand, GenericAlert } from '../commands/execution.types';
import type { AuthOutcome, ServerStatus, SessionOutcome, SessionReport } from './handset.options';

/** What one session did, kept as it runs and turned into the SessionReport at the end. */
export class SessionLog {
  readonly executed: ExecutedCommand[] = [];
  readonly serverStatuses: ServerStatus[] = [];
  readonly httpStatuses: number[] = [];
  authOutcome: AuthOutcome = 'unknown';
  authRetries = 0;
  serverAuthFailures = 0;
  sent = 0;
  received = 0;
  private readonly started = Date.now();
  private readonly alertsSent = new Map<string, GenericAlert>();
  private readonly knownAlerts: GenericAlert[];

  constructor(
    private readonly sessionId: string,
    alerts: readonly GenericAlert[],
  ) {
    this.knownAlerts = [...alerts];
  }

  /** Alerts that may appear in our messages (Package 1's and same-session results). */
  addKnownAlerts(alerts: readonly GenericAlert[]): void {
    this.knownAlerts.push(...alerts);
  }

  /** Remembers which Generic Alert went out under (MsgID, CmdID), to match the server's Status later. */
  noteSent(msgId: string, commands: readonly Command[]): void {
    for (const c of commands) {
      if (c.kind !== 'Alert' || c.data !== 1226) continue;
      const item = c.items[0];
      const match = this.knownAlerts.find(
        (a) => a.type === item?.meta?.type && a.data === item?.data && a.source === item?.source?.locURI,
      );
      if (match !== undefined) this.alertsSent.set(`${msgId}:${c.cmdId}`, match);
    }
  }

  /** Generic Alerts the server acknowledged with 2xx among `statuses`. */
  acknowledged(statuses: readonly ServerStatus[]): GenericAlert[] {
    return statuses.flatMap((s) => {
      const alert = this.alertsSent.get(`${s.msgRef}:${s.cmdRef}`);
      return s.cmd === 'Alert' && alert !== undefined && s.status >= 200 && s.status < 300 ? [alert] : [];
    });
  }

  finish(outcome: SessionOutcome, error?: string): SessionReport {
    return {
      sessionId: this.sessionId,
      outcome,
      messagesSent: this.sent,
      messagesReceived: this.received,
      commandsExecuted: this.executed,
      authOutcome: this.authOutcome,
      authRetries: this.authRetries,
      serverStatuses: this.serverStatuses,
      genericAlertsSent: [...this.alertsSent.values()],
      durationMs: Date.now() - this.started,
      httpStatuses: this.httpStatuses,
      ...(error === undefined ? {} : { error }),
    };
  }
}
