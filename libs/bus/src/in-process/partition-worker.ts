import type { TopicName, WireMessage } from '@dms/contracts';
import { messageOf } from '../bus.errors';
import { deliverBatch, type BatchDeliveryPolicy } from '../delivery/deliver-batch';
import { deliverMessage, type DeliveryControl, type DeliveryPolicy } from '../delivery/deliver-message';
import { backoffMs } from '../delivery/delivery.defaults';
import type { PartitionedLog } from './partitioned-log';

/** What a worker needs from its group: the committed position and where dead letters go. */
export interface PartitionCursor {
  committed(partition: number): number;
  commit(partition: number, nextOffset: number): Promise<void>;
  deadLetter(partition: number, offset: number, attempts: number, reason: string): Promise<void>;
}

/**
 * Consumes one partition for one group member, one record at a time in offset order: the
 * in-process counterpart of a Kafka fetch loop. Stopping lets the in-flight record finish
 * and commit (drain); a record waiting for a retry is left uncommitted for the next owner.
 */
export class PartitionWorker {
  private active = true;
  private cancelWait: (() => void) | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly topic: TopicName,
    private readonly partition: number,
    private readonly log: PartitionedLog,
    private readonly cursor: PartitionCursor,
    private readonly policy: DeliveryPolicy,
    /** Set for a batch subscription: up to maxBatchSize available records per handler call. */
    private readonly batch?: { policy: BatchDeliveryPolicy; maxBatchSize: number },
  ) {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.active = false;
    this.cancelWait?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const control: DeliveryControl = { isActive: () => this.active, pause: (ms) => this.sleep(ms) };
    let failures = 0;
    while (this.active) {
      const offset = this.cursor.committed(this.partition);
      const record = this.log.read(this.partition, offset);
      if (!record) {
        await this.waitForAppend();
        continue;
      }
      try {
        if (this.batch) {
          if (!(await this.deliverAvailable(offset, this.batch, control))) return;
          failures = 0;
          continue;
        }
        const outcome = await deliverMessage({ topic: this.topic, partition: this.partition, offset: String(offset), message: record }, this.policy, control);
        if (outcome.kind === 'aborted') return;
        if (outcome.kind === 'dead-letter') await this.cursor.deadLetter(this.partition, offset, outcome.attempts, outcome.reason);
        await this.cursor.commit(this.partition, offset + 1);
        failures = 0;
      } catch (error) {
        // Only the journal or the processed-event log can land here; the record stays uncommitted.
        failures++;
        this.policy.logger.error({ group: this.policy.group, topic: this.topic, partition: this.partition, offset, err: messageOf(error) }, 'in-process delivery failed; retrying');
        await this.sleep(backoffMs(failures, this.policy.retryBaseMs, this.policy.retryMaxMs));
      }
    }
  }

  /** Delivers the records from `offset` on as one batch; false when the worker stopped during a retry wait. */
  private async deliverAvailable(offset: number, batch: { policy: BatchDeliveryPolicy; maxBatchSize: number }, control: DeliveryControl): Promise<boolean> {
    const messages: WireMessage[] = [];
    for (let next = offset; messages.length < batch.maxBatchSize; next++) {
      const message = this.log.read(this.partition, next);
      if (!message) break;
      messages.push(message);
    }
    const slice = { topic: this.topic, partition: this.partition, messages, start: 0, end: messages.length, offsetOf: (i: number) => String(offset + i) };
    const result = await deliverBatch(slice, batch.policy, control);
    if (result.kind === 'aborted') return false;
    // No pipelining here: wait for the effects; a rejection lands in run()'s retry with backoff, from the committed offset.
    await result.settled;
    for (const letter of result.deadLetters) await this.cursor.deadLetter(this.partition, offset + letter.index, letter.attempts, letter.reason);
    await this.cursor.commit(this.partition, offset + messages.length);
    return true;
  }

  private async waitForAppend(): Promise<void> {
    const wait = this.log.waitForAppend(this.partition);
    this.cancelWait = wait.cancel;
    await wait.promise;
    this.cancelWait = undefined;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.cancelWait = done;
    });
  }
}
