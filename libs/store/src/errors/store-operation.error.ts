import { OperationalError, type DmsErrorOptions } from '@dms/service-kit';

/** The server refused a request for a reason that retrying will not fix. */
export class StoreOperationError extends OperationalError {
  constructor(message: string, options: DmsErrorOptions = {}) {
    super('STORE_OPERATION_FAILED', message, { retriable: false, ...options });
  }
}
