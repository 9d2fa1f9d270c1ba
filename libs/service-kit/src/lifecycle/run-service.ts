import type { DestinationStream } from 'pino';
import { loadConfig, secretValues } from '../config/config.loader';
import type { ConfigDefinition, LoadedConfig } from '../config/config-definition';
import type { EnvSource } from '../config/config-source.reader';
import { formatConfigHelp } from '../config/config.describe';
import type { LogLevel } from '../config/config.schemas';
import { isConfigError } from '../errors/config.error';
import { createLogger, type Logger } from '../logging/logger.factory';
import { EXIT_CONFIG, EXIT_FAILURE, EXIT_OK } from './exit-codes';
import { handleProcessSignals, type ProcessPort } from './process-signals';
import { ShutdownManager } from './shutdown.manager';

export interface ServiceContext<C> {
  readonly service: string;
  readonly config: C;
  readonly logger: Logger;
  /** Register what to close, in start-up order: `shutdown.register('kafka', () => bus.close())`. */
  readonly shutdown: ShutdownManager;
}

interface LineSink {
  write(line: string): unknown;
}

export interface RunServiceOptions<D extends ConfigDefinition> {
  service: string;
  /** The service's config definition and the environment to read it from (main.ts passes process.env). */
  config?: { definition: D; env: EnvSource };
  /** Command-line arguments (process.argv.slice(2)); `--help` prints every variable and exits 0. */
  argv?: readonly string[];
  /** Log level, fixed or taken from the loaded config; default info. */
  level?: LogLevel | ((config: LoadedConfig<D>) => LogLevel);
  /** Bound on all shutdown hooks together, fixed or taken from the loaded config; default 10 s. */
  shutdownTimeoutMs?: number | ((config: LoadedConfig<D>) => number);
  /** Where JSON logs go; default stdout. */
  destination?: DestinationStream;
  stdout?: LineSink;
  stderr?: LineSink;
  proc?: ProcessPort;
}

/** Messages can hold newlines (wrapped causes); the operator gets exactly one line. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}

/**
 * The entry point of every service's main.ts: loads config, creates the logger, runs
 * `main` (which starts everything and registers shutdown hooks) and turns signals into
 * an orderly stop. Start-up failures end the process with one readable stderr line:
 * exit 78 for configuration errors (no stack: it is the operator's to fix), 1 otherwise
 * (stack in the JSON log).
 */
export async function runService<D extends ConfigDefinition = Record<string, never>>(
  main: (context: ServiceContext<LoadedConfig<D>>) => Promise<void> | void,
  options: RunServiceOptions<D>,
): Promise<void> {
  const proc: ProcessPort = options.proc ?? process;
  const stderr = options.stderr ?? process.stderr;
  const { service } = options;
  if (options.argv?.includes('--help')) {
    const variables = options.config ? formatConfigHelp(options.config.definition) : '  (none)';
    (options.stdout ?? process.stdout).write(`${service}\n\nEnvironment variables:\n${variables}\n`);
    proc.exit(EXIT_OK);
    return;
  }
  let config: LoadedConfig<D>;
  try {
    config = options.config
      ? loadConfig(options.config.definition, options.config.env)
      : ({} as LoadedConfig<D>);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    stderr.write(`${service}: configuration error: ${oneLine(error.message)}\n`);
    proc.exit(EXIT_CONFIG);
    return;
  }
  const level = typeof options.level === 'function' ? options.level(config) : options.level;
  const logger = createLogger({
    service,
    level,
    destination: options.destination,
    secrets: options.config ? secretValues(options.config.definition, config) : [],
  });
  const timeoutMs = typeof options.shutdownTimeoutMs === 'function' ? options.shutdownTimeoutMs(config) : options.shutdownTimeoutMs;
  const shutdown = new ShutdownManager({ logger, timeoutMs });
  handleProcessSignals({ shutdown, logger, proc });
  try {
    await main({ service, config, logger, shutdown });
    logger.info('started');
  } catch (error) {
    await failStartUp(error, { service, logger, shutdown, stderr, proc });
  }
}

interface StartUpParts {
  service: string;
  logger: Logger;
  shutdown: ShutdownManager;
  stderr: LineSink;
  proc: ProcessPort;
}

async function failStartUp(
  error: unknown,
  { service, logger, shutdown, stderr, proc }: StartUpParts,
): Promise<void> {
  const isConfig = isConfigError(error);
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`${service}: ${isConfig ? 'configuration error' : 'start-up failed'}: ${oneLine(message)}\n`);
  if (!isConfig) logger.fatal({ err: error }, 'start-up failed');
  // Close whatever main opened before it failed, so the exit is neither held up nor unclean.
  await shutdown.shutdown('start-up failed');
  proc.exit(isConfig ? EXIT_CONFIG : EXIT_FAILURE);
}
