/**
 * The logging shape the bus needs; the pino Logger of @dms/service-kit satisfies it. Kept
 * structural so the bus does not pull a logger implementation into embedded builds.
 */
export interface BusLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const silentLogger: BusLogger = { debug() {}, info() {}, warn() {}, error() {} };
