import { UserError, type DmsErrorOptions } from '@dms/service-kit';

/**
 * A filter, update, sort, field path, collection name or TTL outside the portable
 * subset that every adapter answers the same way. A programming error in the caller.
 */
export class InvalidQueryError extends UserError {
  constructor(message: string, options: DmsErrorOptions = {}) {
    super('STORE_INVALID_QUERY', message, options);
  }
}
