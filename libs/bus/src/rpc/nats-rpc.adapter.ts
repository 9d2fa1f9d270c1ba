import type { RpcRequest, RpcResponse, RpcSubject } from '@dms/contracts';
import { StringCodec, type Msg } from 'nats';
import type {
  Rpc,
  RpcCallOptions,
  RpcRegistration,
  RpcServeOptions,
  RpcSignalSubscription,
} from '../rpc.port';
import { InFlightTracker } from './in-flight.tracker';
import { closeConnection } from './nats-drain';
import { serveOverNats } from './nats-rpc.responder';
import { RpcEndpointLifecycle } from './rpc-endpoint.lifecycle';
import { connectNats, type NatsConnectionOptions } from './nats-connection';
import { isNatsNoResponders, mapNatsRequestError } from './nats-error.mapper';
import { RpcTimeoutError } from './rpc.errors';
import { DEFAULT_RPC_TIMEOUT_MS } from './rpc.defaults';
import { silentRpcLogger, type RpcLogger } from './rpc-logger';
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

/**
 * RPC over NATS core request/reply with queue groups; passes rpc.contract.ts like the
 * in-process adapter. Core NATS is at-most-once: a request or reply the broker held when
 * it died is gone, and the caller gets RpcTimeoutError (retriable). What this adapter adds:
 * calls and replies wait for a reconnect instead of being dropped by nats.js, and a 503
 * just after a reconnect is retried while responders re-subscribe.
 */
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

  /** Keeps a registration until it closes, so close() of the endpoint can drain it. */
  function track<R extends RpcRegistration>(registration: R): R {
    registrations.add(registration);
    const close = registration.close.bind(registration);
    registration.close = async () => {
      await close();
      registrations.delete(registration);
    };
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
      return track(await serveOverNats({ connection, logger, wireSubject: onWire(serve.subject) }, serve));
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
          await closeConnection(connection);
        },
      });
    },
  };
}
