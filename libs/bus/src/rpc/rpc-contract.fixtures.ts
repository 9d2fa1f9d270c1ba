import type { RpcRequest, RpcResponse } from '@dms/contracts';
import { OperationalError, UserError } from '@dms/service-kit';
import type { Rpc, RpcHandler } from '../rpc.port';

/**
 * What rpc.contract.ts needs from an adapter: endpoints on one shared fabric
 * (one NATS server and subject prefix, or one in-process hub), as separate
 * services would hold them.
 */
export interface RpcContractFabric {
  endpoint(name: string): Promise<Rpc>;
}

export type RpcContractFactory = () => RpcContractFabric | Promise<RpcContractFabric>;

type EchoRequest = RpcRequest<'system.echo.v1'>;
type EchoResponse = RpcResponse<'system.echo.v1'>;

/** `fail` in an echo request names the error the handler throws: `<CODE>` or `<CODE>:user`. */
export function failureFor(fail: string): Error {
  const [code = 'ECHO_FAILED', kind] = fail.split(':');
  return kind === 'user'
    ? new UserError(code, `echo refused: ${code}`)
    : new OperationalError(code, `echo failed: ${code}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export interface EchoHandlerOptions {
  /** Called when a request reaches the handler, before any delay. */
  onStart?: (request: EchoRequest) => void;
}

/** The system.echo.v1 handler of the suite: honours delayMs and fail, says who served. */
export function echoHandler(
  servedBy: string,
  options: EchoHandlerOptions = {},
): RpcHandler<'system.echo.v1'> {
  return async (request): Promise<EchoResponse> => {
    options.onStart?.(request);
    if (request.delayMs) await sleep(request.delayMs);
    if (request.fail) throw failureFor(request.fail);
    return { text: request.text, servedBy };
  };
}

/** Resolves with the rejection of `work`, or fails the test if it resolved. */
export async function rejectionOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new OperationalError('CONTRACT_EXPECTED_REJECTION', 'the call resolved but should have failed', {
    retriable: false,
  });
}

/** A promise with its resolver outside, for "the handler has started" and similar checkpoints. */
export function checkpoint<T = void>(): { reached: Promise<T>; reach: (value: T) => void } {
  let reach!: (value: T) => void;
  const reached = new Promise<T>((resolve) => {
    reach = resolve;
  });
  return { reached, reach };
}
