import type { Consumer } from 'kafkajs';

/**
 * A topic that auto-creation is still making (nobody produced to it yet) answers
 * UNKNOWN_TOPIC_OR_PARTITION, which kafkajs marks retriable: wait for it rather than fail
 * a service's start because it came up before its producers.
 */
export async function subscribeWhenTopicExists(consumer: Consumer, settings: { physicalTopic: string; fromBeginning: boolean; joinTimeoutMs: number }): Promise<void> {
  const deadline = Date.now() + settings.joinTimeoutMs;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
    try {
      return await consumer.subscribe({ topic: settings.physicalTopic, fromBeginning: settings.fromBeginning });
    } catch (error) {
      if ((error as { retriable?: unknown }).retriable !== true || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
