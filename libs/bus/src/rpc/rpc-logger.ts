/**
 * The slice of a pino logger the RPC adapters use. Taken as an option so the
 * library never builds its own logger or reads logging config (STYLE.md 7).
 */
export interface RpcLogger {
  debug(context: Record<string, unknown>, message: string): void;
  info(context: Record<string, unknown>, message: string): void;
  warn(context: Record<string, unknown>, message: string): void;
  error(context: Record<string, unknown>, message: string): void;
}

const ignore = (): void => undefined;

export const silentRpcLogger: RpcLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
