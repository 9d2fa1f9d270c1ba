import type { DocumentStore } from './document-store.port';
import { createEmbeddedStore, type EmbeddedStoreOptions } from './embedded/embedded.store';
import { createMongoStore, type MongoStoreOptions } from './mongo/mongo.store';

export type DocumentStoreOptions = ({ kind: 'mongo' } & MongoStoreOptions) | ({ kind: 'embedded' } & EmbeddedStoreOptions);

/** Picks the adapter from configuration: MongoDB when distributed, a SQLite file in one-machine mode. */
export function createDocumentStore(options: DocumentStoreOptions): DocumentStore {
  switch (options.kind) {
    case 'mongo': {
      const { kind: _kind, ...mongo } = options;
      return createMongoStore(mongo);
    }
    case 'embedded': {
      const { kind: _kind, ...embedded } = options;
      return createEmbeddedStore(embedded);
    }
  }
}
