import type { ShutdownManager } from '@dms/service-kit';
import type { Console } from '../../console';
import { firstAdminNotice } from './first-admin.notice';

export interface ConsoleStartUp {
  service: Pick<Console, 'start' | 'stop' | 'endStreams' | 'ensureFirstAdmin'>;
  shutdown: Pick<ShutdownManager, 'register'>;
  /** Starts the HTTP server. */
  listen(): Promise<{ url: string; port: number; close(): Promise<void> }>;
  /** The operator's terminal (stdout), never the logger. */
  print(text: string): void;
}

/**
 * Start order of a standalone console: live feed (on a fresh Kafka this is what fails until
 * the live topics exist), HTTP server, and only then the first admin, whose password is
 * printed in the same step. A start that fails leaves no admin whose password nobody saw;
 * should the process die between the two anyway, `reset-admin` sets a new password.
 */
export async function startConsoleProcess(steps: ConsoleStartUp): Promise<{ url: string; port: number }> {
  const { service, shutdown } = steps;
  await service.start();
  shutdown.register('live-feed', () => service.stop());
  const server = await steps.listen();
  shutdown.register('http', () => server.close());
  // Registered last, so it runs first: open live streams would hold the server's close.
  shutdown.register('live-streams', () => service.endStreams());
  const firstAdmin = await service.ensureFirstAdmin();
  if (firstAdmin !== null) steps.print(firstAdminNotice(server.url, firstAdmin));
  return { url: server.url, port: server.port };
}
