import { isDmsError } from '@dms/service-kit';
import { RpcRemoteError, RpcValidationError } from './rpc.errors';

/**
 * What travels back on the reply subject, as JSON. Success and failure are both
 * wrapped so a response whose own schema has an `error` field is never mistaken
 * for a failure. Both adapters use exactly this shape (the in-process one
 * round-trips it through JSON too), so the caller sees the same errors.
 */
export interface RpcWireError {
  readonly code: string;
  readonly message: string;
  readonly retriable: boolean;
}

export type RpcWireReply = { readonly result: unknown } | { readonly error: RpcWireError };

/** Code of a handler failure that was not a DmsError (a bug or an untyped library error). */
export const RPC_REMOTE_FAILED = 'RPC_REMOTE_FAILED';

export function successReply(result: unknown): RpcWireReply {
  return { result };
}

/**
 * A DmsError keeps its code, message and retriable flag. Anything else is a bug
 * on the serving side: its text may hold internals, so only a generic message
 * crosses the wire and the serving side logs the original.
 */
export function errorReply(error: unknown): RpcWireReply {
  if (error instanceof RpcValidationError && error.side === 'request') {
    return { error: { code: error.code, message: error.reason, retriable: false } };
  }
  if (isDmsError(error))
    return { error: { code: error.code, message: error.message, retriable: error.retriable } };
  return { error: { code: RPC_REMOTE_FAILED, message: 'the handler failed unexpectedly', retriable: false } };
}

function isWireError(value: unknown): value is RpcWireError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    typeof candidate.message === 'string' &&
    typeof candidate.retriable === 'boolean'
  );
}

/**
 * Unwraps a decoded reply: returns the result, or throws the typed error the
 * caller branches on. A refused request (RPC_INVALID from the server's request
 * check) becomes RpcValidationError so both sides of validation raise one class.
 */
export function readReply(subject: string, reply: unknown): unknown {
  if (typeof reply === 'object' && reply !== null) {
    if ('result' in reply) return reply.result;
    if ('error' in reply && isWireError(reply.error)) {
      const remote = reply.error;
      if (remote.code === 'RPC_INVALID') throw new RpcValidationError(subject, 'request', remote.message);
      throw new RpcRemoteError(subject, remote);
    }
  }
  throw new RpcValidationError(subject, 'response', 'reply is neither a result nor an error envelope');
}

/** JSON of a request; a payload JSON cannot carry is the caller's mistake. */
export function encodeRpcRequest(subject: string, request: unknown): string {
  try {
    return JSON.stringify(request ?? null);
  } catch {
    throw new RpcValidationError(subject, 'request', 'payload is not serialisable as JSON');
  }
}

export function decodeRpcReply(subject: string, replyJson: string): unknown {
  try {
    return JSON.parse(replyJson) as unknown;
  } catch {
    throw new RpcValidationError(subject, 'response', 'reply is not JSON');
  }
}
