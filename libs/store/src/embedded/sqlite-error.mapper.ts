import { SqliteError } from 'better-sqlite3';
import { DuplicateKeyError } from '../errors/duplicate-key.error';
import { StoreOperationError } from '../errors/store-operation.error';
import { StoreUnavailableError } from '../errors/store-unavailable.error';
import { isDmsError } from '@dms/service-kit';

// SQLite extended result codes (https://www.sqlite.org/rescode.html).
const UNIQUE_VIOLATIONS = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const TRANSIENT = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR']);

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof SqliteError && UNIQUE_VIOLATIONS.has(error.code);
}

export function mapSqliteError(error: unknown, collection: string): unknown {
  if (isDmsError(error)) return error;
  if (isUniqueViolation(error)) return new DuplicateKeyError(collection, { cause: error });
  if (error instanceof SqliteError) {
    const primary = error.code.split('_').slice(0, 2).join('_');
    if (TRANSIENT.has(primary)) return new StoreUnavailableError(`embedded store: ${error.code}`, { cause: error });
    return new StoreOperationError(`embedded store: ${error.code}`, { cause: error });
  }
  return error;
}
