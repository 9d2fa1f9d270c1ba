import { CommandExecutor } from '../commands/command-executor';
import type { GenericAlert, UserInteraction } from '../commands/execution.types';
import { DeviceSimErrorCodes, DeviceSimUserError } from '../errors/device-sim.error';
import { checkPackage0, package0FromSms, type NotificationRejection } from '../notification/package0.check';
import { deviceFamilies, type DeviceFamily } from '../tree/device-family';
import type { DmTree } from '../tree/dm-tree';
import { seedHandsetTree } from '../tree/handset-tree.seed';
import { ClientCredentials } from './client-credentials';
import { runDmSession } from './dm-session';
import type { HandsetOptions, SessionReport, StartSessionOptions } from './handset.options';

const authPref = { basic: 'BASIC', md5: 'DIGEST', hmac: 'HMAC' } as const;

export type NotificationOutcome =
  | { readonly accepted: true; readonly sessionId: string; readonly report: SessionReport }
  | { readonly accepted: false; readonly reason: NotificationRejection; readonly detail: string };

/**
 * A simulated OMA DM 1.2 handset: its DM tree, a command executor and a DM client that
 * runs sessions over HTTP POST against a DM server. One session at a time per handset;
 * run many handsets for load.
 */
export class SimulatedHandset {
  readonly tree: DmTree;
  readonly family: DeviceFamily;
  private readonly executor: CommandExecutor;
  private readonly pending: GenericAlert[] = [];
  private nextSessionId = 1;
  private activeSessionId: string | undefined;

  constructor(readonly options: HandsetOptions) {
    if (!options.deviceId || !options.serverUrl)
      throw new DeviceSimUserError(DeviceSimErrorCodes.invalidOptions, 'deviceId and serverUrl are required');
    const { auth } = options;
    this.tree = seedHandsetTree({
      deviceId: options.deviceId,
      family: options.family,
      settings: options.settings ?? 'none',
      ...(options.identity === undefined ? {} : { identity: options.identity }),
      ...(options.deployedComponents === undefined ? {} : { deployedComponents: options.deployedComponents }),
      account: {
        name: this.accountName,
        serverId: auth.serverId,
        serverUrl: options.serverUrl,
        authPref: authPref[auth.scheme],
        clientName: auth.username,
        clientSecret: auth.password,
        serverSecret: auth.serverPassword,
        ...(auth.clientNonce === undefined ? {} : { clientNonce: auth.clientNonce }),
        ...(auth.serverNonce === undefined ? {} : { serverNonce: auth.serverNonce }),
      },
    });
    this.family = deviceFamilies[options.family];
    this.executor = new CommandExecutor({
      tree: this.tree,
      family: this.family,
      binaryFormat: options.encoding === 'wbxml' ? 'bin' : 'b64',
      ...(options.uiAnswers === undefined ? {} : { uiAnswers: options.uiAnswers }),
      ...(options.fumo === undefined ? {} : { fumo: options.fumo }),
    });
  }

  get deviceId(): string {
    return this.options.deviceId;
  }

  /** ./DMAcc/<x> of the configured server account. */
  get accountUri(): string {
    return `${this.family.paths.dmAcc}/${this.accountName}`;
  }

  /** FUMO/SCOMO results waiting for the next session's Package 1. */
  get pendingGenericAlerts(): readonly GenericAlert[] {
    return [...this.pending, ...this.executor.deferredAlerts];
  }

  /** UI alerts the simulated user saw and how they were answered. */
  get interactions(): readonly UserInteraction[] {
    return this.executor.interactions;
  }

  get reboots(): number {
    return this.executor.reboots;
  }

  get sessionInProgress(): boolean {
    return this.activeSessionId !== undefined;
  }

  /** Runs a whole management session (Package 1 .. the server's last package). Never throws for protocol or transport failures: see `outcome`. */
  async startSession(start: StartSessionOptions = { reason: 'client' }): Promise<SessionReport> {
    if (this.activeSessionId !== undefined)
      throw new DeviceSimUserError(
        DeviceSimErrorCodes.invalidOptions,
        `session ${this.activeSessionId} is still running on ${this.deviceId}`,
      );
    const sessionId = start.sessionId ?? String(this.nextSessionId++);
    this.activeSessionId = sessionId;
    this.pending.push(...this.executor.deferredAlerts.splice(0));
    const carried = [...this.pending];
    try {
      return await runDmSession(
        {
          options: this.options,
          tree: this.tree,
          executor: this.executor,
          credentials: new ClientCredentials(
            this.tree,
            this.accountUri,
            this.options.auth.scheme,
            this.options.misbehave ?? {},
          ),
          sessionId,
          alerts: [...(start.genericAlerts ?? []), ...carried],
          delivered: (alert) => {
            const at = this.pending.indexOf(alert);
            if (at >= 0) this.pending.splice(at, 1);
          },
        },
        start,
      );
    } finally {
      this.activeSessionId = undefined;
    }
  }

  /** A Package 0 (already out of its WAP Push): verified, then a session with Alert 1200 and its session id. */
  async handlePackage0(bytes: Uint8Array): Promise<NotificationOutcome> {
    const check = checkPackage0(this.tree, this.family.paths.dmAcc, bytes);
    if (!check.ok) return { accepted: false, reason: check.reason, detail: check.detail };
    // Notification 6.2.2.4: ui-mode user-interaction asks the user first; the configured confirm answer decides.
    const confirm = this.options.uiAnswers?.confirm ?? 'yes';
    if (check.uiMode === 'user-interaction' && confirm !== 'yes')
      return { accepted: false, reason: 'user-declined', detail: `user answered ${confirm}` };
    if (this.activeSessionId !== undefined)
      return {
        accepted: false,
        reason: 'session-in-progress',
        detail: `session ${this.activeSessionId} is running`,
      };
    const report = await this.startSession({ reason: 'server', sessionId: check.sessionId });
    return { accepted: true, sessionId: check.sessionId, report };
  }

  /** The TP-UD of each SMS segment (UDH included) of a WAP Push carrying Package 0. */
  async handleSms(userDatas: readonly Uint8Array[]): Promise<NotificationOutcome> {
    const unwrapped = package0FromSms(userDatas);
    if (!unwrapped.ok) return { accepted: false, reason: unwrapped.reason, detail: unwrapped.detail };
    return this.handlePackage0(unwrapped.bytes);
  }

  private get accountName(): string {
    return this.options.accountName ?? 'dms';
  }
}
