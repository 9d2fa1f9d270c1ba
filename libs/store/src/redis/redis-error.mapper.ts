import { ReplyError } from 'ioredis';
import { isDmsError } from '@dms/service-kit';
import { StoreOperationError } from '../errors/store-operation.error';
import { StoreUnavailableError } from '../errors/store-unavailable.error';
import { StoreValueError } from '../errors/store-value.error';

/*
 * A Redis error reply starts with its code (RESP: "-WRONGTYPE Operation against ...").
 * LOADING, BUSY, TRYAGAIN, MASTERDOWN and READONLY are the server being (re)started
 * or failed over: a moment later the same command works.
 */
const TRANSIENT_CODES: ReadonlySet<string> = new Set(['LOADING', 'BUSY', 'TRYAGAIN', 'MASTERDOWN', 'READONLY', 'CLUSTERDOWN']);

/** The connection closed while the command was in flight (see InFlightCommands). */
export class ConnectionLostError extends StoreUnavailableError {
  constructor() {
    super('redis connection lost with the command in flight', { details: { outcome: 'unknown' } });
  }
}

/** ioredis types ReplyError as `any`; this is the part we use. */
interface RedisReply {
  message: string;
}

function isReplyError(error: unknown): error is RedisReply {
  return error instanceof (ReplyError as new () => Error);
}

function replyCode(error: RedisReply): string {
  return error.message.split(' ', 1)[0] ?? '';
}

export function mapRedisError(error: unknown, command: string): unknown {
  if (isDmsError(error)) return error;
  if (isReplyError(error)) {
    const code = replyCode(error);
    if (TRANSIENT_CODES.has(code)) return new StoreUnavailableError(`redis ${command}: ${code}`, { cause: error });
    // WRONGTYPE, or ERR from INCRBY on text ("value is not an integer or out of range").
    if (code === 'WRONGTYPE' || command === 'increment') {
      return new StoreValueError(`redis ${command}: ${error.message}`, { cause: error });
    }
    return new StoreOperationError(`redis ${command}: ${error.message}`, { cause: error });
  }
  // Anything else ioredis rejects with is about the connection: closed, reconnecting,
  // command timeout, offline queue flushed. The command may or may not have run.
  return new StoreUnavailableError(`redis ${command}: ${(error as Error)?.message ?? String(error)}`, {
    cause: error,
    details: { outcome: 'unknown' },
  });
}
