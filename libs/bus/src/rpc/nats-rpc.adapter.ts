import type { RpcRequest, RpcResponse, RpcSubject } from '@dms/contracts';
import { StringCodec, type Msg, type Subscription } from 'nats';
import type {
  Rpc,
  RpcCallOptions,
  RpcRegistration,
  RpcServeOptions,
  RpcSignalSubscription,
} from '../rpc.port';
import { InFlightTracker, settlesWithin } from './in-flight.tracker';
import { RpcEndpointLifecycle } from './rpc-endpoint.lifecycle';
import { connectNats, type NatsConnectionOptions } from './nats-connection';
import { isNatsNoResponders, mapNatsRequestError } from './nats-error.mapper';
import { RpcTimeoutError } from './rpc.errors';
import { DEFAULT_RPC_TIMEOUT_MS } from './rpc.defaults';
import { silentRpcLogger, type RpcLogger } from './rpc-logger';
import { answerRpc } from './rpc-responder';
import { parseRpcResponse, rpcDefinition } from './rpc-schema.validator';
import { decodeRpcReply, encodeRpcRequest, readReply } from './rpc-wire.codec';

export interface NatsRpcOptions
  extends Pick<
    NatsConnectionOptions,
    'initialReconnectDelayMs' | 'maxReconnectDelayMs' | 'reconnectSettleMs'
  > {
  servers: string | string[];
  /** Client name for the server's monitoring, e.g. `hlr-detector-7f9c`. */
  name: string;
  /** Prepended as `<prefix>.` to every subject; isolates tests or tenants sharing a server. */
  subjectPrefix?: string;
  /** Timeout of a call that sets none; default 5000 ms. */
  defaultTimeoutMs?: number;
  logger?: RpcLogger;
}

const codec = StringCodec();
const NO_RESPONDER_RETRY_MS = 100;
/** How long a finished handler's reply waits for a lost connection; callers rarely wait longer. */
const REPLY_HOLD_MS = 30_000;
/** Bound on each transport step of close() (not on the handlers, which always finish). */
const TRANSPORT_DRAIN_MS = 5_000;

/** RPC over NATS core request/reply with queue groups; passes rpc.contract.ts like the in-process adapter. */
export async function createNatsRpc(options: NatsRpcOptions): Promise<Rpc> {
  const logger = options.logger ?? silentRpcLogger;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
  const connection = await connectNats({ ...options, logger });
  const { nc } = connection;
  const onWire = (subject: string): string =>
    options.subjectPrefix ? `${options.subjectPrefix}.${subject}` : subject;
  const outgoing = new InFlightTracker();
  const registrations = new Set<RpcRegistration>();
  const lifecycle = new RpcEndpointLifecycle();

  async function call(subject: string, request: unknown, timeoutMs: number): Promise<unknown> {
    rpcDefinition(subject);
    const payload = codec.encode(encodeRpcRequest(subject, request));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const remaining = deadline - Date.now();
      // nats.js 2.x drops what is published while disconnected, so hold the call until reconnected.
      if (remaining <= 0 || !(await connection.whenConnected(remaining)))
        throw new RpcTimeoutError(subject, timeoutMs);
      let reply: Msg;
      try {
        reply = await nc.request(onWire(subject), payload, { timeout: Math.max(1, deadline - Date.now()) });
      } catch (error) {
        // Right after a broker restart responders are still re-subscribing; a 503 then is not final.
        if (isNatsNoResponders(error) && connection.isSettling()) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(NO_RESPONDER_RETRY_MS, remaining)));
          continue;
        }
        throw mapNatsRequestError(subject, timeoutMs, error);
      }
      return readReply(subject, decodeRpcReply(subject, codec.decode(reply.data)));
    }
  }

  async function serveOn<S extends RpcSubject>(serve: RpcServeOptions<S>): Promise<RpcRegistration> {
    rpcDefinition(serve.subject);
    const inFlight = new InFlightTracker();
    const subscription = nc.subscribe(onWire(serve.subject), {
      queue: serve.queue ?? serve.subject,
      callback: (error, msg) => {
        if (error) return logger.error({ subject: serve.subject, err: error }, 'RPC subscription failed');
        if (!msg.reply)
          return logger.warn({ subject: serve.subject }, 'RPC request without a reply subject dropped');
        const answered = answerRpc(serve.subject, serve.handler, codec.decode(msg.data), logger).then(
          async (replyJson) => {
            // A reply published while disconnected is dropped by nats.js; hold it until the connection is back.
            const sent =
              (await connection.whenConnected(REPLY_HOLD_MS)) && msg.respond(codec.encode(replyJson));
            if (!sent)
              logger.warn({ subject: serve.subject }, 'RPC reply dropped: NATS connection not available');
          },
        );
        void inFlight.track(answered).catch((err: unknown) => {
          logger.error({ subject: serve.subject, err }, 'RPC reply failed');
        });
      },
    });
    // The SUB must reach the server before serve() resolves, or an immediate request gets a 503.
    await nc.flush();
    return track(drainingRegistration(subscription, inFlight));
  }

  function drainingRegistration(subscription: Subscription, inFlight: InFlightTracker): RpcRegistration {
    let closed: Promise<void> | undefined;
    const registration: RpcRegistration = {
      close: () => {
        closed ??= (async () => {
          // Unsubscribe first (no new requests), let queued messages start, then wait for their handlers.
          // drain() waits for the server's PONG; if the broker is away, give up after a while, unsubscribe locally.
          if (!nc.isClosed() && !(await settlesWithin(subscription.drain(), TRANSPORT_DRAIN_MS))) {
            logger.warn({ subject: subscription.getSubject() }, 'RPC subscription drain timed out');
            subscription.unsubscribe();
          }
          await inFlight.drained();
          registrations.delete(registration);
        })();
        return closed;
      },
    };
    return registration;
  }

  function track<R extends RpcRegistration>(registration: R): R {
    registrations.add(registration);
    return registration;
  }

  return {
    async request<S extends RpcSubject>(subject: S, request: RpcRequest<S>, callOptions?: RpcCallOptions) {
      lifecycle.assertNotClosed(`request ${subject}`);
      const result = await outgoing.track(call(subject, request, callOptions?.timeoutMs ?? defaultTimeoutMs));
      return parseRpcResponse(subject, result) as RpcResponse<S>;
    },
    async serve<S extends RpcSubject>(serve: RpcServeOptions<S>) {
      lifecycle.assertAccepting(`serve ${serve.subject}`);
      return serveOn(serve);
    },
    signal(subject, payload) {
      lifecycle.assertNotClosed(`signal ${subject}`);
      nc.publish(onWire(subject), codec.encode(JSON.stringify(payload ?? null)));
    },
    onSignal(subject, listener) {
      lifecycle.assertAccepting(`onSignal ${subject}`);
      const subscription = nc.subscribe(onWire(subject), {
        callback: (error, msg) => {
          if (error) return logger.error({ subject, err: error }, 'signal subscription failed');
          try {
            listener(JSON.parse(codec.decode(msg.data)) as unknown);
          } catch (err) {
            logger.error({ subject, err }, 'signal listener failed or payload is not JSON');
          }
        },
      });
      const ready = nc.flush();
      // Whoever awaits `ready` still sees a failure; nobody awaiting it must not crash the process.
      ready.catch(() => undefined);
      const registration: RpcSignalSubscription = {
        ready,
        close: async () => {
          if (!subscription.isClosed()) subscription.unsubscribe();
          registrations.delete(registration);
        },
      };
      return track(registration);
    },
    close() {
      return lifecycle.close({
        drainServing: async () => {
          await Promise.all([...registrations].map((registration) => registration.close()));
        },
        finish: async () => {
          await outgoing.drained();
          // Drain flushes the replies the handlers just published, then closes. nats.js swallows a drain that
          // fails on a disconnect and leaves the connection open, so close it ourselves in that case.
          if (!nc.isClosed()) await settlesWithin(nc.drain(), TRANSPORT_DRAIN_MS);
          if (!nc.isClosed()) await nc.close();
          await connection.watching;
        },
      });
    },
  };
}
