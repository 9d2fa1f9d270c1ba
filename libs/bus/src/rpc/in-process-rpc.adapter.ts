import type { RpcRequest, RpcResponse, RpcSubject } from '@dms/contracts';
import type {
  Rpc,
  RpcCallOptions,
  RpcRegistration,
  RpcServeOptions,
  RpcSignalSubscription,
} from '../rpc.port';
import { InFlightTracker } from './in-flight.tracker';
import { RpcEndpointLifecycle } from './rpc-endpoint.lifecycle';
import { InProcessRpcHub } from './in-process-rpc.hub';
import { RpcNoResponderError, RpcTimeoutError } from './rpc.errors';
import { DEFAULT_RPC_TIMEOUT_MS } from './rpc.defaults';
import { silentRpcLogger, type RpcLogger } from './rpc-logger';
import { answerRpc } from './rpc-responder';
import { parseRpcResponse, rpcDefinition } from './rpc-schema.validator';
import { decodeRpcReply, encodeRpcRequest, readReply } from './rpc-wire.codec';

export interface InProcessRpcOptions {
  /** Endpoints sharing a hub reach each other (one per service in embedded mode); default: a private hub. */
  hub?: InProcessRpcHub;
  /** Timeout of a call that sets none; default 5000 ms. */
  defaultTimeoutMs?: number;
  logger?: RpcLogger;
}

/**
 * RPC for the embedded mode (one process). Real product code with NATS
 * semantics: payloads cross as JSON, both ends validate, timeouts, queue groups,
 * no-responder errors and drain on close behave as in nats-rpc.adapter.ts.
 */
export function createInProcessRpc(options: InProcessRpcOptions = {}): Rpc {
  const hub = options.hub ?? new InProcessRpcHub();
  const logger = options.logger ?? silentRpcLogger;
  const defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_RPC_TIMEOUT_MS;
  const outgoing = new InFlightTracker();
  const registrations = new Set<RpcRegistration>();
  const lifecycle = new RpcEndpointLifecycle();

  async function call(subject: string, request: unknown, timeoutMs: number): Promise<unknown> {
    rpcDefinition(subject);
    const requestJson = encodeRpcRequest(subject, request);
    // Let the caller's synchronous code finish first, as with a network hop.
    await Promise.resolve();
    const responders = hub.route(subject);
    if (responders.length === 0) throw new RpcNoResponderError(subject);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RpcTimeoutError(subject, timeoutMs)), timeoutMs);
    });
    try {
      const replyJson = await Promise.race([...responders.map((respond) => respond(requestJson)), timeout]);
      return readReply(subject, decodeRpcReply(subject, replyJson));
    } finally {
      clearTimeout(timer);
    }
  }

  function serveOn<S extends RpcSubject>(serve: RpcServeOptions<S>): RpcRegistration {
    rpcDefinition(serve.subject);
    const inFlight = new InFlightTracker();
    const remove = hub.addResponder(serve.subject, serve.queue ?? serve.subject, (requestJson) =>
      inFlight.track(answerRpc(serve.subject, serve.handler, requestJson, logger)),
    );
    let closed: Promise<void> | undefined;
    const registration: RpcRegistration = {
      close: () => {
        closed ??= (async () => {
          remove();
          await inFlight.drained();
          registrations.delete(registration);
        })();
        return closed;
      },
    };
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
      const payloadJson = JSON.stringify(payload ?? null);
      // Fire-and-forget like a NATS publish: listeners run after the publisher continues.
      setImmediate(() => hub.publishSignal(subject, payloadJson));
    },
    onSignal(subject, listener) {
      lifecycle.assertAccepting(`onSignal ${subject}`);
      const remove = hub.addSignalListener(subject, (payloadJson) => {
        try {
          listener(JSON.parse(payloadJson) as unknown);
        } catch (error) {
          logger.error({ subject, err: error }, 'signal listener failed');
        }
      });
      const registration: RpcSignalSubscription = {
        ready: Promise.resolve(),
        close: async () => {
          remove();
          registrations.delete(registration);
        },
      };
      registrations.add(registration);
      return registration;
    },
    close() {
      return lifecycle.close({
        drainServing: async () => {
          await Promise.all([...registrations].map((registration) => registration.close()));
        },
        finish: () => outgoing.drained(),
      });
    },
  };
}
