import { logLevel, type logCreator } from 'kafkajs';
import type { BusLogger } from '../bus-logger';

/** Routes kafkajs' own log lines into the service logger, one structured line each. */
export function kafkaLogCreator(logger: BusLogger): logCreator {
  return () => ({ namespace, level, log }) => {
    const { message, ...fields } = log;
    const entry = { ...fields, kafkaNamespace: namespace };
    const text = `kafkajs: ${message}`;
    if (level === logLevel.ERROR || level === logLevel.NOTHING) logger.error(entry, text);
    else if (level === logLevel.WARN) logger.warn(entry, text);
    else if (level === logLevel.INFO) logger.info(entry, text);
    else logger.debug(entry, text);
  };
}
