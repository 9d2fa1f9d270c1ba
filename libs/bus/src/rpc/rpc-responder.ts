import type { RpcSubject } from '@dms/contracts';
import { isDmsError } from '@dms/service-kit';
import type { RpcHandler } from '../rpc.port';
import { RpcValidationError } from './rpc.errors';
import type { RpcLogger } from './rpc-logger';
import { parseRpcRequest } from './rpc-schema.validator';
import { errorReply, successReply, type RpcWireReply } from './rpc-wire.codec';

/** The serving half both adapters share: decode, validate, run the handler, envelope the outcome. */
export async function answerRpc<S extends RpcSubject>(
  subject: S,
  handler: RpcHandler<S>,
  requestJson: string,
  logger: RpcLogger,
): Promise<string> {
  let reply: RpcWireReply;
  try {
    reply = successReply(await handler(parseRpcRequest(subject, decodeRequest(subject, requestJson))));
  } catch (error) {
    if (!isDmsError(error)) logger.error({ subject, err: error }, 'RPC handler failed with an untyped error');
    reply = errorReply(error);
  }
  try {
    return JSON.stringify(reply);
  } catch (error) {
    // A result JSON cannot carry (a BigInt, a cycle) is the handler's bug; the caller still gets an answer.
    logger.error({ subject, err: error }, 'RPC result is not serialisable as JSON');
    return JSON.stringify(errorReply(error));
  }
}

function decodeRequest(subject: string, requestJson: string): unknown {
  try {
    return JSON.parse(requestJson) as unknown;
  } catch {
    throw new RpcValidationError(subject, 'request', 'payload is not JSON');
  }
}
