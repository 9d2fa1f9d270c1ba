import type { Collection } from 'mongodb';
import { KeyedSerializer } from './keyed-serializer';
import type { MongoDoc } from './mongo-connection';
import type {
  Document,
  DocumentCollection,
  Filter,
  FindOptions,
  IndexSpec,
  Update,
} from '../document-store.port';
import { DuplicateKeyError } from '../errors/duplicate-key.error';
import { assertDistinctIds, assertDocumentId, assertPaging, indexName } from '../query/document.validation';
import { isDuplicateKey, isDuplicateKeyCode } from './mongo-error.mapper';
import { toMongoFilter, toMongoIdFilter, toMongoSort, toMongoUpdate } from './mongo-query';
import type { MongoCall } from './mongo-call';

const DEFAULT_BATCH = 500;

/**
 * DocumentCollection over a MongoDB collection. Every call goes through `call`, which
 * maps driver errors to typed ones and retries idempotent requests once after a
 * connection loss (the retry waits for server selection, i.e. for the server to be
 * back, up to serverSelectionTimeoutMs). Non-idempotent ones (insert, update, delete)
 * fail with a retriable StoreUnavailableError instead, since they may have been applied.
 *
 * put() and update() of one id are serialized within the process: FerretDB 1.x runs an
 * update as read, modify in Go, unconditional write (handler/common/update.go), so two
 * concurrent updates of one document lose one of them. MongoDB itself is atomic per
 * document, where the serialization costs little (same-id writes are rare and short).
 */
export class MongoCollection<T extends Document> implements DocumentCollection<T> {
  private readonly writes = new KeyedSerializer();

  constructor(private readonly call: MongoCall) {}

  async get(id: string): Promise<T | null> {
    return this.call.idempotent(async (c) => (await c.findOne({ _id: id })) as T | null);
  }

  async put(doc: T): Promise<void> {
    assertDocumentId(doc._id);
    const replace = (c: Collection<MongoDoc>) =>
      c.replaceOne({ _id: doc._id }, doc as unknown as MongoDoc, { upsert: true });
    await this.writes.run(doc._id, () =>
      this.call.idempotent(async (c) => {
        try {
          await replace(c);
        } catch (error) {
          // Two concurrent upserts of a new id (other processes): the loser sees a duplicate
          // _id; by now the document exists and the replace succeeds. A second duplicate is
          // a unique index.
          if (!isDuplicateKey(error)) throw error;
          await replace(c);
        }
      }),
    );
  }

  async insert(doc: T): Promise<boolean> {
    assertDocumentId(doc._id);
    return this.call.once(async (c) => {
      try {
        await c.insertOne(doc as unknown as MongoDoc);
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    });
  }

  async insertMany(docs: readonly T[]): Promise<boolean[]> {
    assertDistinctIds(docs);
    if (docs.length === 0) return [];
    return this.call.once(async (c) => {
      const written = docs.map(() => true);
      try {
        await c.insertMany(
          docs.map((doc) => ({ ...doc }) as unknown as MongoDoc),
          { ordered: false },
        );
      } catch (error) {
        // Unordered: the server tried every document and lists the ones it refused, by index.
        const refused = (error as { writeErrors?: unknown }).writeErrors;
        const list = Array.isArray(refused) ? refused : refused === undefined ? [] : [refused];
        if (list.length === 0) throw error;
        for (const entry of list as {
          index: number;
          code?: number;
          errmsg?: string;
          err?: { code?: number; errmsg?: string };
        }[]) {
          const code = entry.code ?? entry.err?.code;
          const message = entry.errmsg ?? entry.err?.errmsg ?? '';
          if (!isDuplicateKeyCode(code, message)) throw error;
          written[entry.index] = false;
        }
      }
      return written;
    });
  }

  async update(
    id: string,
    update: Update,
    options: { where?: Filter; upsert?: boolean } = {},
  ): Promise<boolean> {
    const filter = toMongoIdFilter(id, options.where);
    const mongoUpdate = toMongoUpdate(update);
    return this.writes.run(id, () =>
      this.call.once(async (c) => {
        try {
          const result = await c.updateOne(filter, mongoUpdate, { upsert: options.upsert === true });
          return result.matchedCount > 0 || result.upsertedCount > 0;
        } catch (error) {
          if (!options.upsert || !isDuplicateKey(error)) throw error;
        }
        // The upsert tried to insert and hit a duplicate: either the id exists but `where`
        // does not match (answer false, as the port says), another process's upsert created
        // it first (update it now), or another unique index refused the new document.
        const retry = await c.updateOne(filter, mongoUpdate);
        if (retry.matchedCount > 0) return true;
        if ((await c.countDocuments({ _id: id }, { limit: 1 })) > 0) return false;
        throw new DuplicateKeyError(this.call.name);
      }),
    );
  }

  async delete(id: string): Promise<boolean> {
    return this.call.once(async (c) => (await c.deleteOne({ _id: id })).deletedCount === 1);
  }

  async deleteMany(filter: Filter): Promise<number> {
    const query = toMongoFilter(filter);
    return this.call.once(async (c) => (await c.deleteMany(query)).deletedCount);
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    assertPaging(options);
    const query = toMongoFilter(filter);
    const sort = toMongoSort(options.sort);
    // MongoDB reads limit 0 as "no limit"; the port means none.
    if (options.limit === 0) return [];
    return this.call.idempotent(async (c) => {
      const cursor = c.find(query, { sort, skip: options.skip ?? 0, limit: options.limit ?? 0 });
      return (await cursor.toArray()) as unknown as T[];
    });
  }

  async *iterate(filter: Filter, options: FindOptions & { batchSize?: number } = {}): AsyncIterable<T> {
    assertPaging(options);
    const query = toMongoFilter(filter);
    const sort = toMongoSort(options.sort);
    if (options.limit === 0) return;
    const cursor = await this.call.idempotent(async (c) =>
      c.find(query, {
        sort,
        skip: options.skip ?? 0,
        limit: options.limit ?? 0,
        batchSize: Math.max(1, options.batchSize ?? DEFAULT_BATCH),
      }),
    );
    // Not retried: a cursor cut off mid-stream cannot resume where it was, so the
    // consumer gets a retriable error and decides (handlers are idempotent).
    try {
      while (true) {
        const next = await this.call.once(() => cursor.next());
        if (next === null) return;
        yield next as unknown as T;
      }
    } finally {
      await cursor.close().catch(() => undefined);
    }
  }

  async count(filter: Filter = {}): Promise<number> {
    const query = toMongoFilter(filter);
    return this.call.idempotent((c) => c.countDocuments(query));
  }

  async ensureIndex(spec: IndexSpec): Promise<void> {
    const name = indexName(spec);
    const unique = spec.unique === true;
    // sparse: documents without the field are not indexed, so a unique index admits many
    // of them, as SQLite's (NULLs are distinct) and FerretDB's do. Plain MongoDB would
    // allow only one document lacking the field.
    await this.call.idempotent((c) =>
      c.createIndex({ ...spec.fields }, { name, unique, ...(unique ? { sparse: true } : {}) }),
    );
  }
}
