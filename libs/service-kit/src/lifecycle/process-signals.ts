import type { Logger } from '../logging/logger.factory';
import { EXIT_FAILURE } from './exit-codes';
import type { ShutdownManager } from './shutdown.manager';

/** The part of `process` the lifecycle uses, so tests and embedded mode can substitute it. */
export interface ProcessPort {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
  exit(code: number): void;
}

export const DEFAULT_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

export interface SignalOptions {
  shutdown: ShutdownManager;
  logger: Logger;
  proc: ProcessPort;
  signals?: readonly NodeJS.Signals[];
}

/**
 * First signal: drain and exit with the shutdown's code. Second signal: exit at once,
 * because an operator pressing Ctrl-C twice (or a supervisor escalating) wants it over.
 * Crashes after start-up (uncaught exception, unhandled rejection) shut down too, with 1.
 * Returns a function removing the listeners.
 */
export function handleProcessSignals(options: SignalOptions): () => void {
  const { shutdown, logger, proc } = options;
  let signalled = false;
  const stopAndExit = (reason: string, forcedCode?: number): void => {
    void shutdown.shutdown(reason).then((outcome) => proc.exit(forcedCode ?? outcome.exitCode));
  };
  const onSignal = (signal: unknown): void => {
    if (signalled) {
      logger.warn({ signal }, 'second signal, exiting without waiting for shutdown hooks');
      proc.exit(EXIT_FAILURE);
      return;
    }
    signalled = true;
    logger.info({ signal }, 'signal received');
    stopAndExit(String(signal));
  };
  const onCrash = (error: unknown): void => {
    logger.fatal({ err: error }, 'uncaught error, shutting down');
    stopAndExit('uncaught error', EXIT_FAILURE);
  };
  const signals = options.signals ?? DEFAULT_SIGNALS;
  for (const signal of signals) proc.on(signal, onSignal);
  proc.on('uncaughtException', onCrash);
  proc.on('unhandledRejection', onCrash);
  return () => {
    for (const signal of signals) proc.off(signal, onSignal);
    proc.off('uncaughtException', onCrash);
    proc.off('unhandledRejection', onCrash);
  };
}
