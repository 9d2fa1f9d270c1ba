import {
  MongoError,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import { isDmsError } from '@dms/service-kit';
import { DuplicateKeyError } from '../errors/duplicate-key.error';
import { StoreOperationError } from '../errors/store-operation.error';
import { StoreUnavailableError } from '../errors/store-unavailable.error';
import { StoreValueError } from '../errors/store-value.error';

/** MongoDB server error codes (src/mongo/base/error_codes.yml in the server). */
export const MONGO_CODES = {
  InternalError: 1,
  BadValue: 2,
  TypeMismatch: 14,
  PathNotViable: 28,
  DuplicateKey: 11000,
} as const;

// Codes the server sends while it is going away or not yet able to serve; the same
// request may succeed a moment later.
const TRANSIENT_CODES: ReadonlySet<number> = new Set([
  6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436,
]);
const VALUE_CODES: ReadonlySet<number> = new Set([MONGO_CODES.TypeMismatch, MONGO_CODES.PathNotViable]);

/*
 * FerretDB 1.24 (SQLite backend) answers a unique index violation by an *update* with
 * InternalError (code 1) carrying SQLite's text instead of E11000. Its message is the
 * only signal, so this one FerretDB quirk is recognised by text; everything else
 * branches on codes and classes.
 */
const FERRETDB_SQLITE_UNIQUE = /UNIQUE constraint failed/;

export function isDuplicateKey(error: unknown): boolean {
  if (!(error instanceof MongoServerError)) return false;
  if (error.code === MONGO_CODES.DuplicateKey) return true;
  return error.code === MONGO_CODES.InternalError && FERRETDB_SQLITE_UNIQUE.test(error.message);
}

/** The same judgement for one entry of a bulk write's writeErrors (code and message only). */
export function isDuplicateKeyCode(code: number | undefined, message: string): boolean {
  return (
    code === MONGO_CODES.DuplicateKey ||
    (code === MONGO_CODES.InternalError && FERRETDB_SQLITE_UNIQUE.test(message))
  );
}

/** Whether the request certainly never reached the server (no server could be selected). */
function neverSent(error: unknown): boolean {
  return error instanceof MongoServerSelectionError || error instanceof MongoNotConnectedError;
}

export function isTransient(error: unknown): boolean {
  if (error instanceof MongoNetworkError || neverSent(error)) return true;
  if (error instanceof MongoTopologyClosedError) return false;
  if (error instanceof MongoServerError && typeof error.code === 'number' && TRANSIENT_CODES.has(error.code))
    return true;
  return (
    error instanceof MongoError &&
    (error.hasErrorLabel('RetryableWriteError') || error.hasErrorLabel('ResetPool'))
  );
}

export function mapMongoError(error: unknown, collection: string): unknown {
  if (isDmsError(error)) return error;
  if (isDuplicateKey(error)) return new DuplicateKeyError(collection, { cause: error });
  if (isTransient(error)) {
    return new StoreUnavailableError(`mongo: ${(error as Error).message}`, {
      cause: error,
      details: { collection, outcome: neverSent(error) ? 'not-applied' : 'unknown' },
    });
  }
  if (error instanceof MongoServerError && typeof error.code === 'number' && VALUE_CODES.has(error.code)) {
    return new StoreValueError(`mongo: ${error.message}`, {
      cause: error,
      details: { collection, code: error.code },
    });
  }
  if (error instanceof MongoError) {
    return new StoreOperationError(`mongo: ${error.message}`, { cause: error, details: { collection } });
  }
  return error;
}
