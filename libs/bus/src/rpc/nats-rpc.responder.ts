import type { RpcSubject } from '@dms/contracts';
import { StringCodec, type Msg } from 'nats';
import type { RpcRegistration, RpcServeOptions } from '../rpc.port';
import { InFlightTracker } from './in-flight.tracker';
import type { ManagedNatsConnection } from './nats-connection';
import { drainSubscription } from './nats-drain';
import type { RpcLogger } from './rpc-logger';
import { answerRpc } from './rpc-responder';
import { rpcDefinition } from './rpc-schema.validator';

export interface NatsServeContext {
  readonly connection: ManagedNatsConnection;
  readonly logger: RpcLogger;
  /** The subject as it travels (with the adapter's prefix). */
  readonly wireSubject: string;
}

const codec = StringCodec();
/** How long a finished handler's reply waits for a lost connection; callers rarely wait longer. */
const REPLY_HOLD_MS = 30_000;

/**
 * The serving half of the NATS adapter: a queue subscription whose handlers are
 * tracked so close() can unsubscribe, then wait until each taken request is answered.
 */
export async function serveOverNats<S extends RpcSubject>(
  context: NatsServeContext,
  serve: RpcServeOptions<S>,
): Promise<RpcRegistration> {
  const { connection, logger } = context;
  const { subject } = serve;
  rpcDefinition(subject);
  const inFlight = new InFlightTracker();

  async function answer(msg: Msg): Promise<void> {
    const replyJson = await answerRpc(subject, serve.handler, codec.decode(msg.data), logger);
    // nats.js drops what is published while disconnected; hold the reply until the connection is back.
    const sent = (await connection.whenConnected(REPLY_HOLD_MS)) && msg.respond(codec.encode(replyJson));
    if (!sent) logger.warn({ subject }, 'RPC reply dropped: NATS connection not available');
  }

  const subscription = connection.nc.subscribe(context.wireSubject, {
    queue: serve.queue ?? subject,
    callback: (error, msg) => {
      if (error) return logger.error({ subject, err: error }, 'RPC subscription failed');
      if (!msg.reply) return logger.warn({ subject }, 'RPC request without a reply subject dropped');
      inFlight.track(answer(msg)).catch((err: unknown) => {
        logger.error({ subject, err }, 'RPC reply failed');
      });
    },
  });
  // The SUB must reach the server before serve() resolves, or an immediate request gets a 503.
  await connection.nc.flush();

  let closed: Promise<void> | undefined;
  return {
    close: () => {
      closed ??= (async () => {
        // No new requests first, then wait for the handlers of those already taken.
        await drainSubscription(connection, subscription, logger);
        await inFlight.drained();
      })();
      return closed;
    },
  };
}
