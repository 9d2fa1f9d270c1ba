import { UserError, type DmsErrorOptions } from '@dms/service-kit';

/** A write would give two documents the same value of a unique index. */
export class DuplicateKeyError extends UserError {
  constructor(collection: string, options: DmsErrorOptions = {}) {
    super('STORE_DUPLICATE_KEY', `duplicate key in collection ${collection}`, options);
  }
}
