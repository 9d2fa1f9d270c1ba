import type { BusLogger } from '@dms/bus';
import type { DetectionMetrics } from './detection.metrics';

/** The message @dms/bus logs, with `group` and `reason`, for each dead letter. */
const DEAD_LETTERED = 'event dead-lettered';

/**
 * @dms/bus has no dead-letter hook or metric yet, so the invalid-observation counter of
 * the bus entry point is fed from the bus's structured log: the one warn line it writes per
 * dead letter. To be replaced by a bus hook when there is one (see the service's report).
 */
export function countingDeadLetters(logger: BusLogger, group: string, metrics: DetectionMetrics): BusLogger {
  return {
    debug: (fields, message) => logger.debug(fields, message),
    info: (fields, message) => logger.info(fields, message),
    error: (fields, message) => logger.error(fields, message),
    warn: (fields, message) => {
      if (message === DEAD_LETTERED && fields.group === group) metrics.invalidObservations('bus');
      logger.warn(fields, message);
    },
  };
}
