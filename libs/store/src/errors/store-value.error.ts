import { UserError, type DmsErrorOptions } from '@dms/service-kit';

/** The stored value has the wrong type for the operation (e.g. increment on text, $inc on a string). */
export class StoreValueError extends UserError {
  constructor(message: string, options: DmsErrorOptions = {}) {
    super('STORE_VALUE_TYPE', message, options);
  }
}
