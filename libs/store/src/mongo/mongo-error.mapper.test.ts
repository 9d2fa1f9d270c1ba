import { MongoNetworkError, MongoServerError } from 'mongodb';
import { DuplicateKeyError } from '../errors/duplicate-key.error';
import { StoreOperationError } from '../errors/store-operation.error';
import { StoreUnavailableError } from '../errors/store-unavailable.error';
import { StoreValueError } from '../errors/store-value.error';
import { isDuplicateKey, mapMongoError } from './mongo-error.mapper';

const serverError = (code: number, message: string) => new MongoServerError({ code, errmsg: message, message });

describe('mapMongoError', () => {
  it('maps E11000 to DuplicateKeyError', () => {
    expect(mapMongoError(serverError(11000, 'E11000 duplicate key error'), 'c')).toBeInstanceOf(DuplicateKeyError);
  });

  it("recognises FerretDB's InternalError for a unique violation by an update as a duplicate key", () => {
    const ferret = serverError(1, '[update.go:114 common.UpdateDocument] constraint failed: UNIQUE constraint failed: index (2067)');
    expect(isDuplicateKey(ferret)).toBe(true);
    expect(isDuplicateKey(serverError(1, 'some other internal error'))).toBe(false);
  });

  it('maps a broken connection to a retriable StoreUnavailableError whose outcome is unknown', () => {
    const mapped = mapMongoError(new MongoNetworkError('connection 3 closed'), 'c');
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect((mapped as StoreUnavailableError).retriable).toBe(true);
    expect((mapped as StoreUnavailableError).details).toMatchObject({ outcome: 'unknown' });
  });

  it('maps shutdown-in-progress to retriable and type mismatches to StoreValueError', () => {
    expect(mapMongoError(serverError(91, 'ShutdownInProgress'), 'c')).toBeInstanceOf(StoreUnavailableError);
    expect(mapMongoError(serverError(14, 'Cannot apply $inc'), 'c')).toBeInstanceOf(StoreValueError);
  });

  it('maps other server refusals to a non-retriable StoreOperationError', () => {
    const mapped = mapMongoError(serverError(238, 'not implemented'), 'c');
    expect(mapped).toBeInstanceOf(StoreOperationError);
    expect((mapped as StoreOperationError).retriable).toBe(false);
  });
});
