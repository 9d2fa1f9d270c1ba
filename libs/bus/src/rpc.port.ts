import type { RpcRequest, RpcResponse, RpcSubject } from '@dms/contracts';

/**
 * Request/reply between services (console -> every service, service -> service lookups).
 * Adapters: NATS (`nats` package, queue groups) and in-process. Both pass rpc.contract.ts.
 * Requests and responses are validated against the schemas of @dms/contracts.
 *
 * Errors the caller can branch on (classes in rpc.errors.ts):
 * - RpcTimeoutError (retriable): no answer within timeoutMs;
 * - RpcNoResponderError (retriable): nobody serves the subject;
 * - RpcRemoteError: the handler threw; carries the remote error's code and retriable flag;
 * - RpcValidationError: request or response did not match the schema.
 * Calls on a closed endpoint fail with RpcClosedError.
 */
export interface RpcCallOptions {
  timeoutMs?: number;
}

export type RpcHandler<S extends RpcSubject> = (request: RpcRequest<S>) => Promise<RpcResponse<S>>;

export interface RpcServeOptions<S extends RpcSubject> {
  subject: S;
  handler: RpcHandler<S>;
  /** Queue group: one member of the group answers each request. Defaults to the subject. */
  queue?: string;
}

export interface RpcRegistration {
  /** Stops taking new work and resolves once what was in flight has finished. */
  close(): Promise<void>;
}

export interface RpcSignalSubscription extends RpcRegistration {
  /** Resolves once the broker routes signals to this listener (NATS: the SUB was flushed). */
  readonly ready: Promise<void>;
}

export interface Rpc {
  request<S extends RpcSubject>(
    subject: S,
    request: RpcRequest<S>,
    options?: RpcCallOptions,
  ): Promise<RpcResponse<S>>;
  /** Resolves once requests are routed to the handler. */
  serve<S extends RpcSubject>(options: RpcServeOptions<S>): Promise<RpcRegistration>;
  /**
   * Live signals (console feed): fire-and-forget publish and subscribe on a subject; payloads
   * travel as JSON; no validation, no delivery guarantee. `onSignal` accepts NATS wildcards
   * (`feed.device.*`, `feed.>`).
   */
  signal(subject: string, payload: unknown): void;
  onSignal(subject: string, listener: (payload: unknown) => void): RpcSignalSubscription;
  /** Stops serving, waits for in-flight handlers and calls, then disconnects. Idempotent. */
  close(): Promise<void>;
}
