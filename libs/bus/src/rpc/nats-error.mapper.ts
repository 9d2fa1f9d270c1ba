import { ErrorCode, NatsError } from 'nats';
import type { DmsError } from '@dms/service-kit';
import { RpcClosedError, RpcNoResponderError, RpcTimeoutError, RpcTransportError } from './rpc.errors';

export function isNatsNoResponders(error: unknown): boolean {
  return error instanceof NatsError && error.code === ErrorCode.NoResponders;
}

/** Turns what `nc.request` rejects with into the typed errors of rpc.errors.ts. */
export function mapNatsRequestError(subject: string, timeoutMs: number, error: unknown): DmsError {
  if (!(error instanceof NatsError))
    return new RpcTransportError(subject, 'unexpected failure', { cause: error });
  switch (error.code) {
    case ErrorCode.Timeout:
      return new RpcTimeoutError(subject, timeoutMs, { cause: error });
    case ErrorCode.NoResponders:
      return new RpcNoResponderError(subject, { cause: error });
    case ErrorCode.ConnectionClosed:
    case ErrorCode.ConnectionDraining:
      return new RpcClosedError(`request ${subject}`);
    default:
      return new RpcTransportError(subject, error.code, { cause: error });
  }
}
