import { randomInt } from 'node:crypto';
import type { Logger } from '@dms/service-kit';
import type { AuthGuardStore } from '../data-access/auth-guard.store';
import type { DmAccountRepository } from '../data-access/dm-account.repository';
import type { DeviceWakeUp, NotificationUiMode, WakeUpResult } from './device-wake-up.port';
import type { Job } from './job.model';
import type { MsisdnResolver } from './msisdn.resolver';

/**
 * A job with a user-interaction alert asks its question inside the session (1101-1104), where
 * the handset's answer reaches us and is reported. Package 0 in ui-mode user-interaction
 * would make the handset ask first whether to connect at all (Notification 6.2.2.4), a
 * second question whose "no" the server never learns; so such jobs wake it `informative`.
 */
const uiModeOf = (job: Job): NotificationUiMode => (job.userInteraction === undefined ? 'background' : 'informative');

/**
 * Package 0 for a job queued with notify=true: the device's DM account (digest), its server
 * nonce, and the MSISDN (job, else subscriber-terminal). Without an MSISDN the port is still
 * asked (its own lookup may know one) and the reason is logged with its answer.
 */
export class JobWakeUpService {
  constructor(
    private readonly accounts: DmAccountRepository,
    private readonly guard: AuthGuardStore,
    private readonly wakeUp: DeviceWakeUp,
    private readonly msisdns: MsisdnResolver,
    private readonly logger: Logger,
  ) {}

  async wake(job: Job): Promise<WakeUpResult> {
    const context = { deviceId: job.deviceId, jobId: job._id, correlationId: job.correlationId };
    const account = await this.accounts.find(job.deviceId);
    if (account === undefined) {
      this.logger.warn(context, 'cannot wake a device without a DM account');
      return { sent: false, reason: 'no DM account' };
    }
    const resolution = await this.msisdns.resolve(job);
    const nonce = await this.guard.serverNonce(job.deviceId);
    const result = await this.wakeUp.wake({
      deviceId: job.deviceId,
      ...(resolution.msisdn === undefined ? {} : { msisdn: resolution.msisdn }),
      serverId: account.serverId,
      sessionId: randomInt(1, 0xffff),
      uiMode: uiModeOf(job),
      account: { username: account.username, serverPassword: account.serverPassword, serverNonce: nonce.b64 },
      correlationId: job.correlationId,
    });
    const msisdn = resolution.msisdn === undefined ? { msisdnMissing: resolution.reason } : { msisdnSource: resolution.source };
    this.logger.info({ ...context, ...msisdn, sent: result.sent, reason: result.reason }, 'wake-up requested');
    return result;
  }
}
