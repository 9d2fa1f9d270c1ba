import { ConfigError, HttpListenError } from '@dms/service-kit';

/** The port is taken (often a second `pnpm start`): one line naming PORT, exit 78, no stack. */
export class PortInUseError extends ConfigError {
  constructor(port: number, cause: unknown) {
    super(
      [
        {
          env: 'PORT',
          problem: `port ${port} is in use by another program; choose another (0 = any free port)`,
        },
      ],
      { cause, details: { port } },
    );
  }
}

/** Turns a listen failure for a taken port into PortInUseError; any other error passes unchanged. */
export function explainListenError(error: unknown, port: number): unknown {
  const cause =
    error instanceof HttpListenError ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
  return cause?.code === 'EADDRINUSE' ? new PortInUseError(port, error) : error;
}
