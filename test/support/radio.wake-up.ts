/**
 * The radio network of cross-service tests and benchmarks: a DeviceWakeUp (dm-gateway's
 * port) that builds the same Package 0 binary SMS the SMPP wake-up submits (libs/syncml
 * package0Sms: digest, WSP push, UDH ports and concatenation) and hands the segments to the
 * simulated handset of that MSISDN, as its modem would. No SMSC in between: tests that need
 * a real SMPP peer use the Perl SMSC (services/dm-gateway/src/wake-up/perl-smsc.fixture.ts).
 */
import type { NotificationOutcome, SimulatedHandset } from '../../libs/device-sim/src/index';
import { defaultNotificationProfile, package0Sms } from '../../libs/syncml/src/index';
import type { DeviceWakeUp, WakeUpRequest, WakeUpResult } from '../../services/dm-gateway/src/domain/device-wake-up.port';

export class RadioWakeUp implements DeviceWakeUp {
  private readonly byMsisdn = new Map<string, SimulatedHandset>();
  private readonly byDevice = new Map<string, { msisdn: string; handset: SimulatedHandset }>();
  private reference = 0;
  readonly delivered: { msisdn: string; deviceId: string; at: number }[] = [];
  readonly refused: { deviceId: string; reason: string }[] = [];
  /** Sessions the SMS started that did not complete (transport error, HTTP error...). */
  readonly sessionsFailed: { deviceId: string; outcome: string; error: string | undefined }[] = [];
  /** Client-initiated sessions handsets started again after a broken connection. */
  sessionRetries = 0;
  private readonly inFlight = new Set<Promise<unknown>>();

  /** The handset now holding the SIM of `msisdn` (a swap re-attaches it). */
  attach(msisdn: string, handset: SimulatedHandset): void {
    this.byMsisdn.set(msisdn, handset);
    this.byDevice.set(handset.deviceId, { msisdn, handset });
  }

  detach(msisdn: string): void {
    this.byMsisdn.delete(msisdn);
  }

  async wake(request: WakeUpRequest): Promise<WakeUpResult> {
    // Without an MSISDN in the job the gateway's SMPP wake-up asks subscriber-terminal; the radio knows its handsets.
    const msisdn = request.msisdn ?? this.byDevice.get(request.deviceId)?.msisdn;
    const handset = msisdn === undefined ? undefined : this.byMsisdn.get(msisdn);
    if (msisdn === undefined || handset === undefined) return { sent: false, reason: 'no handset on the radio for that MSISDN' };
    this.reference = (this.reference + 1) % 256;
    const segments = package0Sms(
      { uiMode: request.uiMode, initiator: 'server', sessionId: request.sessionId, serverId: request.serverId },
      {
        serverPassword: request.account.serverPassword,
        serverNonce: Buffer.from(request.account.serverNonce, 'base64'),
        username: request.account.username,
      },
      { reference: this.reference, profile: defaultNotificationProfile },
    );
    this.delivered.push({ msisdn, deviceId: request.deviceId, at: Date.now() });
    // The SMS arrives a moment later; the handset then calls in on its own.
    const deliver = async (): Promise<void> => {
      const outcome = await handOverSms(handset, segments.map((s) => s.userData));
      if (!outcome.accepted) {
        this.refused.push({ deviceId: request.deviceId, reason: outcome.reason });
        return;
      }
      if (outcome.report.outcome !== 'completed')
        this.sessionsFailed.push({ deviceId: request.deviceId, outcome: outcome.report.outcome, error: outcome.report.error });
      // A DM client whose connection broke tries again on its own (client-initiated).
      for (let retry = 1, last = outcome.report.outcome; last === 'transport-error' && retry <= 3; retry += 1) {
        await new Promise((done) => setTimeout(done, 1000 * retry));
        last = (await handset.startSession({ reason: 'client' })).outcome;
        this.sessionRetries += 1;
      }
    };
    const delivery: Promise<void> = deliver().finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
    return { sent: true };
  }

  /** Waits for the sessions that wake-ups started. */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

/**
 * Hands one SMS (its segments' TP-UD) to a handset. A handset busy in a session drops it
 * (device-sim: session-in-progress); a modem would hold it, so this hands it over again once
 * that session is over, for up to a minute (a loaded gateway keeps sessions going for seconds).
 */
export async function handOverSms(handset: SimulatedHandset, userDatas: readonly Uint8Array[]): Promise<NotificationOutcome> {
  for (let attempt = 0; ; attempt += 1) {
    const outcome = await handset.handleSms(userDatas);
    if (outcome.accepted || outcome.reason !== 'session-in-progress' || attempt >= 600) return outcome;
    await new Promise((done) => setTimeout(done, 100));
  }
}
