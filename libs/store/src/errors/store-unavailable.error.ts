import { OperationalError, type DmsErrorOptions } from '@dms/service-kit';

/**
 * The server did not answer in time or the connection broke. Retriable: the client
 * reconnects on its own. `details.outcome` is 'unknown' when the request may already
 * have been applied (a non-idempotent write cut off mid-flight), so a caller retrying
 * an insert or increment knows it must tolerate a duplicate effect.
 */
export class StoreUnavailableError extends OperationalError {
  constructor(message: string, options: DmsErrorOptions = {}) {
    super('STORE_UNAVAILABLE', message, options);
  }
}
