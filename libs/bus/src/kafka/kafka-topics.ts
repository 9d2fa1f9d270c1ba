import type { Admin, ITopicConfig } from 'kafkajs';

const ATTEMPTS = 6;

/**
 * createTopics with waitForLeaders, tried again on a retriable broker answer: a broker that
 * has just started, or is busy, answers the metadata poll behind waitForLeaders with
 * UNKNOWN_TOPIC_OR_PARTITION ("This server does not host this topic-partition") for a
 * moment, and kafkajs gives up on the first one. An existing topic is not an error.
 */
export async function createTopicsRetrying(admin: Admin, topics: ITopicConfig[]): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.createTopics({ waitForLeaders: true, topics });
      return;
    } catch (error) {
      const retriable = (error as { retriable?: boolean }).retriable === true;
      if (!retriable || attempt >= ATTEMPTS) throw error;
      await new Promise((done) => setTimeout(done, 200 * attempt));
    }
  }
}
