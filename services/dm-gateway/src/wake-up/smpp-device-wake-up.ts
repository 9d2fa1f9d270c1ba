import { UserError, isDmsError } from '@dms/service-kit';
import { package0Sms, type NotificationProfile, type SmsSegment } from '@dms/syncml';
import type { DeviceWakeUp, WakeUpRequest, WakeUpResult } from '../domain/device-wake-up.port';
import { BinarySmsSender } from './binary-sms.sender';
import { ConcatReference } from './concat-reference';
import type { BackoffOptions } from './retry.policy';
import { SmppTransmitter } from './smpp-transmitter';
import type { SmscOptions, WakeUpLogger } from './smsc.options';
import { TokenBucketRateLimiter } from './token-bucket.rate-limiter';
import { WakeUpMetrics, type WakeUpCounters, type WakeUpEvent } from './wake-up.metrics';

export interface SmppDeviceWakeUpOptions {
  readonly smsc: SmscOptions;
  /** The device family's Package 0 / SMS choices (version field, digest name, nonce form, data coding, source port). */
  readonly profileFor: (deviceId: string) => NotificationProfile | Promise<NotificationProfile>;
  /** Where to send when the request carries no msisdn (subscriber lookup); none = such requests are not sent. */
  readonly msisdnFor?: (deviceId: string) => string | undefined | Promise<string | undefined>;
  /** submit_sm per second towards the SMSC, all wake-ups together. */
  readonly rateLimitPerSecond: number;
  /** Tries per SMS segment, the first included (1 = no retry). */
  readonly maxAttempts: number;
  /** Between tries of a segment. Default 500 ms doubling to 8 s. */
  readonly retryBackoff?: BackoffOptions;
  /** No retry starts later than this after wake() was called. Default 15 s. */
  readonly maxWakeMs?: number;
  readonly logger: WakeUpLogger;
  readonly onEvent?: (event: WakeUpEvent) => void;
}

export interface SmppDeviceWakeUp extends DeviceWakeUp {
  readonly counters: WakeUpCounters;
  /**
   * Sends ready-made binary SMS segments (e.g. a CP bootstrap push from createDmBootstrap) through
   * the same bind, rate limit and retries; resolves with the SMSC message ids, rejects with the SMPP error.
   */
  sendSms(destination: string, segments: readonly SmsSegment[]): Promise<string[]>;
  /** Binds now instead of at the first wake-up; rejects with SmppBindRefusedError on bad credentials. */
  connect(): Promise<void>;
  /** Unbinds from the SMSC. */
  close(): Promise<void>;
}

/**
 * DeviceWakeUp over SMPP (OMA DM 1.2 notification 6.3): Package 0 signed with the account's
 * server password and server nonce per the device family's profile, WAP Push, binary SMS
 * with port 2948 (concatenated when it does not fit), rate-limited and retried. Never throws
 * for a send that failed: the result says why (the reason text carries no secret).
 */
export function createSmppDeviceWakeUp(options: SmppDeviceWakeUpOptions): SmppDeviceWakeUp {
  if (!Number.isInteger(options.maxAttempts) || options.maxAttempts < 1)
    throw new UserError('WAKE_UP_CONFIG_INVALID', 'maxAttempts must be an integer >= 1');
  const { logger } = options;
  const transmitter = new SmppTransmitter(options.smsc, logger);
  const sender = new BinarySmsSender(
    transmitter,
    new TokenBucketRateLimiter({ ratePerSecond: options.rateLimitPerSecond }),
    {
      smsc: options.smsc,
      maxAttempts: options.maxAttempts,
      backoff: options.retryBackoff ?? { baseMs: 500, maxMs: 8_000 },
      maxSendMs: options.maxWakeMs ?? 15_000,
    },
  );
  const references = new ConcatReference();
  const metrics = new WakeUpMetrics(options.onEvent);

  async function wake(request: WakeUpRequest): Promise<WakeUpResult> {
    const context = {
      deviceId: request.deviceId,
      correlationId: request.correlationId,
      dmSessionId: request.sessionId,
    };
    const fail = (reason: string): WakeUpResult => {
      metrics.record({ type: 'failed', deviceId: request.deviceId, reason });
      return { sent: false, reason };
    };
    try {
      const msisdn = request.msisdn ?? (await options.msisdnFor?.(request.deviceId));
      if (msisdn === undefined || msisdn === '') {
        logger.warn(context, 'wake-up not sent: no MSISDN known for the device');
        return fail('no MSISDN known for the device');
      }
      const profile = await options.profileFor(request.deviceId);
      const segments = package0Sms(
        {
          uiMode: request.uiMode,
          initiator: 'server',
          sessionId: request.sessionId,
          serverId: request.serverId,
        },
        {
          serverPassword: request.account.serverPassword,
          serverNonce: Buffer.from(request.account.serverNonce, 'base64'),
          username: request.account.username,
        },
        { reference: references.next(), profile },
      );
      const ids = await sender.send(msisdn, segments, (error) => {
        const errorCode = isDmsError(error) ? error.code : 'UNKNOWN';
        logger.warn({ ...context, err: error }, 'wake-up submit_sm failed; retrying');
        metrics.record({ type: 'retried', deviceId: request.deviceId, errorCode });
      });
      metrics.record({ type: 'sent', deviceId: request.deviceId, segments: segments.length });
      logger.info({ ...context, segments: segments.length, messageIds: ids }, 'wake-up sent');
      return { sent: true };
    } catch (error) {
      const reason = isDmsError(error) ? `${error.code}: ${error.message}` : 'unexpected error';
      if (isDmsError(error) && error.kind === 'user')
        logger.error({ ...context, err: error }, 'wake-up not sent: fix the configuration');
      else logger.error({ ...context, err: error }, 'wake-up not sent');
      return fail(reason);
    }
  }

  return {
    wake,
    get counters() {
      return metrics.snapshot();
    },
    sendSms: (destination, segments) => sender.send(destination, segments),
    connect: async () => {
      await transmitter.bound();
    },
    close: () => transmitter.close(),
  };
}
