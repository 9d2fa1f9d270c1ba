import { z } from 'zod';

/**
 * Schemas for the kinds of value most services read from the environment. Each carries
 * its own "expected ..." wording so ConfigError messages tell the operator the format.
 */
export const portSchema = z.coerce
  .number({ error: 'expected a TCP port 0..65535' })
  .int({ error: 'expected a TCP port 0..65535' })
  .min(0, { error: 'expected a TCP port 0..65535' })
  .max(65535, { error: 'expected a TCP port 0..65535' });

const HOST_PORT = /^[A-Za-z0-9._-]+:\d{1,5}$|^\[[0-9A-Fa-f:.]+\]:\d{1,5}$/;
const HOST_PORT_LIST_EXPECTED = 'expected host:port[,host:port...]';

/** `kafka-1:9092,kafka-2:9092` -> ['kafka-1:9092', 'kafka-2:9092'] (the shape kafkajs and nats take). */
export const hostPortListSchema = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
  )
  .refine((items) => items.length > 0 && items.every((item) => HOST_PORT.test(item)), {
    error: HOST_PORT_LIST_EXPECTED,
  });

/** true/false, 1/0, yes/no, on/off; z.coerce.boolean would read "false" as true. */
export const booleanSchema = z.stringbool({ error: 'expected true or false' });

export const urlSchema = z.url({ error: 'expected an absolute URL' });

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const logLevelSchema = z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` });

/** Durations are configured in milliseconds, stated in the variable name (`*_MS`). */
export const millisecondsSchema = z.coerce
  .number({ error: 'expected a whole number of milliseconds' })
  .int({ error: 'expected a whole number of milliseconds' })
  .min(0, { error: 'expected a whole number of milliseconds' });

/** `a, b ,c` -> ['a', 'b', 'c']. */
export const stringListSchema = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== ''),
);
