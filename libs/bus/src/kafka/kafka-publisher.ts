import type { Message, Producer, TopicMessages } from 'kafkajs';
import { PublishFailedError } from '../bus.errors';

interface Pending {
  topic: string;
  message: Message;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Batches concurrent publishes into one produce request, one request in flight at a time:
 * order per partition is kept without Kafka's max.in.flight=1 costing a round trip per
 * event, and a burst of publishes costs a few requests instead of thousands.
 */
export class KafkaPublisher {
  private pending: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly producer: Producer,
    private readonly lingerMs: number,
    private readonly maxBatchSize: number,
  ) {}

  send(topic: string, message: Message): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ topic, message, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything queued so far has been acknowledged or has failed. */
  async flush(): Promise<void> {
    while (this.pending.length > 0 || this.flushing) {
      if (!this.flushing) this.startFlush();
      await this.flushing;
    }
  }

  private schedule(): void {
    if (this.flushing || this.timer) return;
    const delay = this.pending.length >= this.maxBatchSize ? 0 : this.lingerMs;
    this.timer = setTimeout(() => this.startFlush(), delay);
  }

  private startFlush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.flushing || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.maxBatchSize);
    this.flushing = this.sendBatch(batch).finally(() => {
      this.flushing = undefined;
      if (this.pending.length > 0) this.schedule();
    });
  }

  private async sendBatch(batch: Pending[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const item of batch) {
      const messages = byTopic.get(item.topic) ?? [];
      messages.push(item.message);
      byTopic.set(item.topic, messages);
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    try {
      await this.producer.sendBatch({ topicMessages, acks: -1 });
      for (const item of batch) item.resolve();
    } catch (error) {
      for (const item of batch) item.reject(new PublishFailedError(item.topic, error));
    }
  }
}
