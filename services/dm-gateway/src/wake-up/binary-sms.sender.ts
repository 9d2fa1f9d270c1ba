import type { SmsSegment } from '@dms/syncml';
import type { PduFields } from 'smpp';
import { withRetries, type BackoffOptions } from './retry.policy';
import type { SmppTransmitter } from './smpp-transmitter';
import { defaultSourceKind, type SmscOptions } from './smsc.options';
import type { TokenBucketRateLimiter } from './token-bucket.rate-limiter';

export interface BinarySmsSenderOptions {
  readonly smsc: SmscOptions;
  /** Tries per segment, the first included. */
  readonly maxAttempts: number;
  readonly backoff: BackoffOptions;
  /** Longest time one send() keeps retrying (the gateway awaits a wake-up while it queues a job). */
  readonly maxSendMs?: number;
  readonly sleep?: (ms: number) => Promise<unknown>;
}

/**
 * Sends the segments of one WAP Push as binary submit_sm PDUs (SMPP 3.4 4.4.1): esm_class
 * with UDHI, the profile's data_coding, UDH and payload together in short_message. Each
 * segment waits for the rate limiter and is retried on its own when the error allows.
 */
export class BinarySmsSender {
  constructor(
    private readonly transmitter: SmppTransmitter,
    private readonly limiter: TokenBucketRateLimiter,
    private readonly options: BinarySmsSenderOptions,
  ) {}

  /** Resolves with the SMSC message ids in segment order; throws the last error of the segment that failed. */
  async send(
    destination: string,
    segments: readonly SmsSegment[],
    onRetry?: (error: unknown) => void,
  ): Promise<string[]> {
    const ids: string[] = [];
    const deadline = this.options.maxSendMs === undefined ? undefined : Date.now() + this.options.maxSendMs;
    for (const segment of segments) {
      const fields = this.submitSm(destination, segment);
      const id = await withRetries(
        async () => {
          await this.limiter.take();
          return this.transmitter.submit(fields);
        },
        {
          ...this.options.backoff,
          maxAttempts: this.options.maxAttempts,
          ...(deadline === undefined ? {} : { deadline }),
          ...(this.options.sleep === undefined ? {} : { sleep: this.options.sleep }),
          ...(onRetry === undefined ? {} : { onRetry }),
        },
      );
      ids.push(id);
    }
    return ids;
  }

  submitSm(destination: string, segment: SmsSegment): PduFields {
    const { smsc } = this.options;
    const source = smsc.sourceAddressKind ?? defaultSourceKind(smsc.sourceAddress);
    const dest = smsc.destinationAddressKind ?? { ton: 1, npi: 1 };
    return {
      service_type: '',
      source_addr_ton: source.ton,
      source_addr_npi: source.npi,
      source_addr: smsc.sourceAddress,
      dest_addr_ton: dest.ton,
      dest_addr_npi: dest.npi,
      destination_addr: destination.replace(/^\+/, ''),
      esm_class: segment.esmClass,
      protocol_id: 0,
      priority_flag: 0,
      registered_delivery: smsc.registeredDelivery === true ? 0x01 : 0x00,
      replace_if_present_flag: 0,
      data_coding: segment.dataCoding,
      sm_default_msg_id: 0,
      short_message: Buffer.from(segment.userData),
    };
  }
}
