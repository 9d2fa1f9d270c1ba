import { z } from 'zod';
import { field } from './config-field';
import { hostPortListSchema } from './config.schemas';

/**
 * The variables that choose between distributed and embedded adapters, the same in every
 * service (ARCHITECTURE.md "Two ways to run"): set, the service talks to that server;
 * unset, it uses the in-process or embedded equivalent. Spread into a service's config.
 */
export const infrastructureFields = {
  kafkaBrokers: field({
    env: 'DMS_KAFKA_BROKERS',
    schema: hostPortListSchema,
    optional: true,
    expected: 'host:port[,host:port...]',
    doc: 'Kafka bootstrap servers; unset = in-process bus',
  }),
  topicPrefix: field({
    env: 'DMS_TOPIC_PREFIX',
    schema: z.string().regex(/^[A-Za-z0-9._-]*$/),
    default: '',
    doc: 'Prepended to every Kafka topic (an environment or a test run); the product topics carry none',
  }),
  mongoUrl: field({
    env: 'DMS_MONGO_URL',
    schema: z.string().startsWith('mongodb'),
    optional: true,
    doc: 'MongoDB URL; unset = embedded SQLite store',
  }),
  redisUrl: field({
    env: 'DMS_REDIS_URL',
    schema: z.string().startsWith('redis'),
    optional: true,
    doc: 'Redis URL of short-lived state (caches, sessions, nonces); unset = in-memory, one instance only',
  }),
};

/**
 * The NATS subject prefix of an environment: the same DMS_TOPIC_PREFIX that keeps its Kafka
 * topics and groups apart (an environment or a test run sharing servers), as a subject
 * token (`run-1.` gives `run-1`); undefined when there is no prefix (product subjects).
 */
export function rpcSubjectPrefix(topicPrefix: string): string | undefined {
  const token = topicPrefix.replace(/[.\s*>]+$/g, '').replace(/[.\s*>]/g, '_');
  return token === '' ? undefined : token;
}

/** For services that serve or call request/reply (RPC) subjects. */
export const natsUrlField = field({
  env: 'DMS_NATS_URL',
  schema: z.string().startsWith('nats'),
  optional: true,
  doc: 'NATS URL of request/reply between services; unset = in-process RPC',
});

/**
 * Where a service keeps its own data (each service owns its store): its MongoDB database
 * in distributed mode, its SQLite file in embedded mode. `envPrefix` such as `DMS_HLR`.
 */
export function serviceStoreFields(envPrefix: string, service: string) {
  return {
    mongoDatabase: field({
      env: `${envPrefix}_MONGO_DATABASE`,
      schema: z.string().min(1),
      default: service,
      doc: 'MongoDB database of this service',
    }),
    embeddedFile: field({
      env: `${envPrefix}_SQLITE_FILE`,
      schema: z.string().min(1),
      default: `./data/${service}.sqlite`,
      doc: 'SQLite file of the embedded store',
    }),
  };
}
