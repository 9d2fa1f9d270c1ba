import type { Subscription } from 'nats';
import { settlesWithin } from './in-flight.tracker';
import type { ManagedNatsConnection } from './nats-connection';
import type { RpcLogger } from './rpc-logger';

/** Bound on each transport step of close() (not on the handlers, which always finish). */
export const TRANSPORT_DRAIN_MS = 5_000;

/**
 * Stops a subscription so no new message arrives, letting those already queued start.
 * drain() waits for the server's PONG, which never comes if the broker goes away meanwhile;
 * while disconnected the server has already forgotten the subscription, so unsubscribing
 * locally is enough.
 */
export async function drainSubscription(
  connection: ManagedNatsConnection,
  subscription: Subscription,
  logger: RpcLogger,
): Promise<void> {
  if (connection.nc.isClosed() || subscription.isClosed()) return;
  if (!connection.isConnected()) return subscription.unsubscribe();
  if (!(await settlesWithin(subscription.drain(), TRANSPORT_DRAIN_MS))) {
    logger.warn({ subject: subscription.getSubject() }, 'NATS subscription drain timed out');
    if (!subscription.isClosed()) subscription.unsubscribe();
  }
}

/**
 * Flushes what was published (the replies of drained handlers), then closes. nats.js
 * swallows a connection drain that fails on a disconnect and leaves the connection
 * open and reconnecting, so close it ourselves whenever drain did not.
 */
export async function closeConnection(connection: ManagedNatsConnection): Promise<void> {
  const { nc } = connection;
  if (connection.isConnected()) await settlesWithin(nc.drain(), TRANSPORT_DRAIN_MS);
  if (!nc.isClosed()) await nc.close();
  await connection.watching;
}
