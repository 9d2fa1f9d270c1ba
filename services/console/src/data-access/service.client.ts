import {
  RpcClosedError,
  RpcNoResponderError,
  RpcRemoteError,
  RpcTimeoutError,
  RpcTransportError,
  RpcValidationError,
  type Rpc,
} from '@dms/bus';
import type { RpcRequest, RpcResponse, RpcSubject } from '@dms/contracts';
import { HttpError } from '@dms/service-kit';
import { ServiceUnavailableError } from '../domain/console.errors';

/** The other service refused the request itself (its own user error): the agent reads why. */
export class ServiceRefusedError extends HttpError {
  constructor(service: string, code: string, message: string) {
    super(422, 'SERVICE_REFUSED', `${service} refused: ${message}`, { details: { service, code } });
  }
}

const serviceOf = (subject: string): string => subject.slice(0, subject.indexOf('.'));

/**
 * The console's calls to other services over the RPC port (NATS, or in-process in embedded
 * mode). A service that does not answer becomes ServiceUnavailableError (503, "service
 * unavailable" in the UI), never a crash; its own refusals become ServiceRefusedError (422).
 */
export class ServiceClient {
  constructor(
    private readonly rpc: Rpc,
    private readonly timeoutMs: number,
  ) {}

  async call<S extends RpcSubject>(subject: S, request: RpcRequest<S>): Promise<RpcResponse<S>> {
    const service = serviceOf(subject);
    try {
      return await this.rpc.request(subject, request, { timeoutMs: this.timeoutMs });
    } catch (error) {
      if (error instanceof RpcNoResponderError) throw new ServiceUnavailableError(service, 'not running');
      if (error instanceof RpcTimeoutError) throw new ServiceUnavailableError(service, 'no answer in time');
      if (error instanceof RpcClosedError || error instanceof RpcTransportError)
        throw new ServiceUnavailableError(service, 'not reachable');
      // An unreadable answer is the other service's fault, not the caller's: not a 400.
      if (error instanceof RpcValidationError && error.side === 'response')
        throw new ServiceUnavailableError(service, 'answered something unreadable');
      if (error instanceof RpcRemoteError) {
        if (error.retriable) throw new ServiceUnavailableError(service, 'failed; it may recover');
        throw new ServiceRefusedError(service, error.code, error.message);
      }
      throw error;
    }
  }

  /** For optional parts of a page: the answer, or why the part is missing. */
  async optional<S extends RpcSubject>(
    subject: S,
    request: RpcRequest<S>,
  ): Promise<{ available: true; value: RpcResponse<S> } | { available: false; reason: string }> {
    try {
      return { available: true, value: await this.call(subject, request) };
    } catch (error) {
      if (error instanceof ServiceUnavailableError || error instanceof ServiceRefusedError)
        return { available: false, reason: error.message };
      throw error;
    }
  }
}
