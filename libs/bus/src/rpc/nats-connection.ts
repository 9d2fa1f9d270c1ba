import { connect, Events, type NatsConnection, type QueuedIterator, type Status } from 'nats';
import type { RpcLogger } from './rpc-logger';

export interface NatsConnectionOptions {
  servers: string | string[];
  /** Client name shown by the server's monitoring (service name and instance). */
  name: string;
  logger: RpcLogger;
  /** First reconnect delay; doubles per failed attempt up to maxReconnectDelayMs. Default 100 ms. */
  initialReconnectDelayMs?: number;
  /** Default 5000 ms. */
  maxReconnectDelayMs?: number;
  /** How long after a reconnect a 503 is taken for responders still re-subscribing. Default 3000 ms. */
  reconnectSettleMs?: number;
}

/** A NATS connection that reconnects forever and knows whether it is settling after an outage. */
export interface ManagedNatsConnection {
  readonly nc: NatsConnection;
  /** True while disconnected or shortly after a reconnect, when other clients may not be back yet. */
  isSettling(): boolean;
  /** False from a disconnect until the reconnect (as the status events report it). */
  isConnected(): boolean;
  /** Resolves true once connected (at once if connected), false after `timeoutMs` or when closed. */
  whenConnected(timeoutMs: number): Promise<boolean>;
  /** Resolves when the status watcher has stopped (after the connection closed). */
  readonly watching: Promise<void>;
}

export async function connectNats(options: NatsConnectionOptions): Promise<ManagedNatsConnection> {
  const initialDelay = options.initialReconnectDelayMs ?? 100;
  const maxDelay = options.maxReconnectDelayMs ?? 5_000;
  const settleMs = options.reconnectSettleMs ?? 3_000;
  let failedAttempts = 0;
  let disconnected = false;
  let lastReconnectAt = Number.NEGATIVE_INFINITY;
  const waiters = new Set<(connected: boolean) => void>();
  const wake = (connected: boolean): void => {
    for (const waiter of waiters) waiter(connected);
    waiters.clear();
  };

  // With waitOnFirstConnect this await lasts until NATS is reachable; say what we wait for.
  options.logger.info({ servers: options.servers, name: options.name }, 'connecting to NATS');
  const nc = await connect({
    servers: options.servers,
    name: options.name,
    // A service outlives any broker outage: never give up, and start even if NATS is not up yet.
    maxReconnectAttempts: -1,
    waitOnFirstConnect: true,
    reconnectDelayHandler: () => {
      const delay = Math.min(maxDelay, initialDelay * 2 ** failedAttempts);
      failedAttempts += 1;
      // Jitter spreads the reconnect storm of many instances after a broker restart.
      return Math.round(delay * (0.8 + Math.random() * 0.4));
    },
  });

  const statuses = nc.status();
  // nats.js 2.29 does not end status() iterators when the connection closes; stop ours so the watcher ends.
  void nc.closed().then(() => {
    (statuses as QueuedIterator<Status>).stop();
    wake(false);
  });
  const watching = (async () => {
    for await (const status of statuses) {
      if (status.type === Events.Disconnect) {
        disconnected = true;
        options.logger.warn({ server: status.data }, 'NATS disconnected, reconnecting');
      } else if (status.type === Events.Reconnect) {
        disconnected = false;
        failedAttempts = 0;
        lastReconnectAt = Date.now();
        wake(true);
        options.logger.info({ server: status.data }, 'NATS reconnected');
      } else if (status.type === Events.Error) {
        options.logger.error({ error: status.data }, 'NATS asynchronous error');
      }
    }
  })();

  return {
    nc,
    isConnected: () => !disconnected && !nc.isClosed(),
    isSettling: () => disconnected || Date.now() - lastReconnectAt < settleMs,
    whenConnected: (timeoutMs) => {
      if (nc.isClosed()) return Promise.resolve(false);
      if (!disconnected) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(settle);
          resolve(false);
        }, timeoutMs);
        const settle = (connected: boolean): void => {
          clearTimeout(timer);
          resolve(connected);
        };
        waiters.add(settle);
      });
    },
    watching,
  };
}
