import {
  destination,
  pino,
  stdSerializers,
  stdTimeFunctions,
  type DestinationStream,
  type Logger as PinoLogger,
} from 'pino';
import type { LogLevel } from '../config/config.schemas';
import { secretKeyPaths, SECRET_KEYS } from './secret-keys';
import { createSecretScrubber, REDACTED } from './secret-scrubber';

export type Logger = PinoLogger;

/** Fields child loggers carry so that one session, device or request can be followed across services. */
export interface LogContext {
  sessionId?: string;
  deviceId?: string;
  correlationId?: string;
  [field: string]: unknown;
}

export interface LoggerOptions {
  /** Service name, on every line as `service`. */
  service: string;
  level?: LogLevel;
  /** Where lines go; default stdout, written synchronously so the last lines before exit are not lost. */
  destination?: DestinationStream;
  /** Secret values (see secretValues of the loaded config) scrubbed from every line wherever they appear. */
  secrets?: readonly string[];
  /** Additional secret-bearing keys for this service, redacted at any depth like the built-in ones. */
  secretKeys?: readonly string[];
}

/**
 * The structured JSON logger of every service: one event per line, ISO time, level as a
 * word, `err` with stack. Secrets are removed here, by key (SECRET_KEYS at any depth) and
 * by value (the config's secrets), so no caller has to remember to (STYLE.md 12).
 */
export function createLogger(options: LoggerOptions): Logger {
  const keys = [...SECRET_KEYS, ...(options.secretKeys ?? [])];
  const scrub = createSecretScrubber(options.secrets ?? []);
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service, pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: secretKeyPaths(keys), censor: REDACTED },
      serializers: { err: stdSerializers.err, error: stdSerializers.err },
      hooks: { streamWrite: scrub },
    },
    options.destination ?? destination({ dest: 1, sync: true }),
  );
}

/** A logger for one unit of work (DM session, event, HTTP request). */
export function childLogger(logger: Logger, context: LogContext): Logger {
  return logger.child(context);
}
