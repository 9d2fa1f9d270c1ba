import { DuplicateKeyError } from '../errors/duplicate-key.error';
import { StoreOperationError } from '../errors/store-operation.error';
import { StoreUnavailableError } from '../errors/store-unavailable.error';
import { isDmsError } from '@dms/service-kit';

// SQLite extended result codes (https://www.sqlite.org/rescode.html).
const UNIQUE_VIOLATIONS = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const TRANSIENT = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR']);

/**
 * The SQLite error code, recognised by the error's name rather than `instanceof SqliteError`:
 * better-sqlite3's native addon is loaded once per process and keeps throwing the SqliteError
 * class of the first module instance that initialised it, so a second instance of the JS
 * module (jest's per-file registries, two copies in node_modules) would not match.
 */
function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === 'SqliteError' && typeof code === 'string' ? code : undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && UNIQUE_VIOLATIONS.has(code);
}

export function mapSqliteError(error: unknown, collection: string): unknown {
  if (isDmsError(error)) return error;
  if (isUniqueViolation(error)) return new DuplicateKeyError(collection, { cause: error });
  const code = sqliteCode(error);
  if (code !== undefined) {
    const primary = code.split('_').slice(0, 2).join('_');
    if (TRANSIENT.has(primary)) return new StoreUnavailableError(`embedded store: ${code}`, { cause: error });
    return new StoreOperationError(`embedded store: ${code}`, { cause: error });
  }
  return error;
}
