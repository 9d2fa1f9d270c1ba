import { OperationalError } from '@dms/service-kit';

/** The store was closed by its owner (shutdown); retrying the same object cannot help. */
export class StoreClosedError extends OperationalError {
  constructor(store: string) {
    super('STORE_CLOSED', `${store} is closed`, { retriable: false });
  }
}
