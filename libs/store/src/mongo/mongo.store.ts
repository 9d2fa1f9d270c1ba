import type { Document, DocumentCollection, DocumentStore } from '../document-store.port';
import { assertCollectionName } from '../query/field-path';
import { createMongoCall } from './mongo-call';
import { MongoConnection } from './mongo-connection';
import { MongoCollection } from './mongo.collection';

export interface MongoStoreOptions {
  /** mongodb://host:port (credentials, TLS and replica set in the URL as usual). */
  url: string;
  /** One database per service (ARCHITECTURE.md). */
  database: string;
  /** Shown in the server's logs and currentOp. */
  appName?: string;
  /**
   * How long a request waits for a usable server before failing with a retriable
   * StoreUnavailableError (default 5 s). It is also how long a server restart can last
   * without a caller noticing: requests issued meanwhile wait and then go through.
   */
  serverSelectionTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** Upper bound for one request on an established connection, against a hung server (default 30 s). */
  socketTimeoutMs?: number;
  maxPoolSize?: number;
}

/**
 * DocumentStore on MongoDB or a compatible server (FerretDB in tests). Connects on
 * first use; after a server restart the driver reconnects by itself, so nothing here
 * needs recreating.
 */
export function createMongoStore(options: MongoStoreOptions): DocumentStore {
  const connection = new MongoConnection(options.url, options.database, {
    appName: options.appName,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5_000,
    connectTimeoutMS: options.connectTimeoutMs ?? 5_000,
    socketTimeoutMS: options.socketTimeoutMs ?? 30_000,
    maxPoolSize: options.maxPoolSize ?? 20,
    // Retryable reads and writes need a replica set; there the driver retries once by
    // itself. On a standalone server (FerretDB) they are inert and MongoCall retries.
    retryReads: true,
    retryWrites: true,
    // JSON drops undefined fields; so must Mongo, or the two adapters would store
    // different documents (null vs absent).
    ignoreUndefined: true,
  });
  const collections = new Map<string, MongoCollection<Document>>();

  return {
    collection<T extends Document>(name: string): DocumentCollection<T> {
      assertCollectionName(name);
      let collection = collections.get(name);
      if (collection === undefined) {
        collection = new MongoCollection<Document>(createMongoCall(name, connection));
        collections.set(name, collection);
      }
      return collection as unknown as DocumentCollection<T>;
    },
    async ping() {
      if (connection.isClosed) return false;
      try {
        await connection.ping();
        return true;
      } catch {
        // A readiness probe wants a yes or no; the cause shows in the next real request.
        return false;
      }
    },
    close: () => connection.close(),
  };
}
