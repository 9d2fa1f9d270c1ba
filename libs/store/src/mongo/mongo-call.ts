import type { Collection } from 'mongodb';
import { StoreClosedError } from '../errors/store-closed.error';
import { StoreUnavailableError } from '../errors/store-unavailable.error';
import { mapMongoError } from './mongo-error.mapper';
import type { MongoConnection, MongoDoc } from './mongo-connection';

type Work<R> = (collection: Collection<MongoDoc>) => Promise<R>;

/** Runs driver calls on one collection with error mapping and the adapter's retry rule. */
export interface MongoCall {
  readonly name: string;
  /** Safe to repeat: retried once after a transient failure. */
  idempotent<R>(work: Work<R>): Promise<R>;
  /** Might double-apply if repeated: never retried here. */
  once<R>(work: Work<R>): Promise<R>;
}

export function createMongoCall(name: string, connection: MongoConnection): MongoCall {
  const run = async <R>(work: Work<R>, attempts: number): Promise<R> => {
    for (let attempt = 1; ; attempt++) {
      if (connection.isClosed) throw new StoreClosedError('mongo store');
      try {
        return await work(await connection.collection(name));
      } catch (error) {
        const mapped = mapMongoError(error, name);
        if (!(mapped instanceof StoreUnavailableError) || attempt >= attempts) throw mapped;
      }
    }
  };
  return {
    name,
    idempotent: (work) => run(work, 2),
    once: (work) => run(work, 1),
  };
}
