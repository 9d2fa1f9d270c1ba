import { DuplicateKeyError } from '../errors/duplicate-key.error';
import { StoreOperationError } from '../errors/store-operation.error';
import { StoreUnavailableError } from '../errors/store-unavailable.error';
import { mapSqliteError } from './sqlite-error.mapper';

/** An error shaped like better-sqlite3's, but from another copy of its class (as jest or a second install gives). */
class SqliteError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SqliteError';
  }
}

describe('mapSqliteError', () => {
  it('maps a unique violation from any copy of the SqliteError class to DuplicateKeyError', () => {
    const mapped = mapSqliteError(
      new SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE'),
      'accounts',
    );
    expect(mapped).toBeInstanceOf(DuplicateKeyError);
  });

  it('maps busy and I/O errors to a retriable StoreUnavailableError and others to StoreOperationError', () => {
    expect(mapSqliteError(new SqliteError('busy', 'SQLITE_BUSY_SNAPSHOT'), 'c')).toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(mapSqliteError(new SqliteError('bad', 'SQLITE_MISMATCH'), 'c')).toBeInstanceOf(
      StoreOperationError,
    );
  });

  it('passes other errors through unchanged', () => {
    const other = new TypeError('x');
    expect(mapSqliteError(other, 'c')).toBe(other);
  });
});
