/**
 * The store every service repository is written against. Adapters: MongoDB (official
 * driver; FerretDB in tests) and the embedded store (SQLite file via better-sqlite3)
 * for one-machine mode. Both pass document-store.contract.ts.
 *
 * Documents are JSON objects with a string `_id`. Filters are a small, portable subset
 * of the MongoDB query language so that both adapters answer them the same way:
 * equality on a (dotted) path, and the operators below.
 */
export type Scalar = string | number | boolean | null;

export interface FieldCondition {
  $eq?: Scalar;
  $ne?: Scalar;
  $in?: readonly Scalar[];
  $lt?: string | number;
  $lte?: string | number;
  $gt?: string | number;
  $gte?: string | number;
  $exists?: boolean;
}

/** Keys are field paths (`terminal.tac`, `attributes.segment`). */
export type Filter = Readonly<Record<string, Scalar | FieldCondition>>;

export interface Update {
  $set?: Readonly<Record<string, unknown>>;
  $unset?: readonly string[];
  $inc?: Readonly<Record<string, number>>;
}

export interface FindOptions {
  /** Field path -> 1 ascending, -1 descending. Ties broken by `_id` ascending. */
  sort?: Readonly<Record<string, 1 | -1>>;
  limit?: number;
  skip?: number;
}

export interface IndexSpec {
  fields: Readonly<Record<string, 1 | -1>>;
  unique?: boolean;
  name?: string;
}

export interface Document {
  _id: string;
}

export interface DocumentCollection<T extends Document> {
  get(id: string): Promise<T | null>;
  /** Insert or replace the whole document. */
  put(doc: T): Promise<void>;
  /** Insert; false (and nothing written) if the id exists. */
  insert(doc: T): Promise<boolean>;
  /**
   * Bulk insert in one round trip, unordered: every document is tried whatever happens to
   * the others, and the answer says per document (same order) whether it was written -
   * false where insert() would answer false (id exists, unique index value taken). Used as
   * a bulk conditional write: a unique `_id` per version makes "insert the successor of
   * version v" succeed for one writer only. The ids of one call must be distinct.
   */
  insertMany(docs: readonly T[]): Promise<boolean[]>;
  /**
   * Update the one document with this id that also matches `where` (optimistic
   * concurrency: pass the version you read). Returns true if a document was changed.
   * With `upsert`, a missing document is created from `_id` and the update.
   */
  update(id: string, update: Update, options?: { where?: Filter; upsert?: boolean }): Promise<boolean>;
  delete(id: string): Promise<boolean>;
  deleteMany(filter: Filter): Promise<number>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  /** Streams matches in `_id` order (or sort) without holding them all in memory. */
  iterate(filter: Filter, options?: FindOptions & { batchSize?: number }): AsyncIterable<T>;
  count(filter?: Filter): Promise<number>;
  ensureIndex(spec: IndexSpec): Promise<void>;
}

export interface DocumentStore {
  collection<T extends Document>(name: string): DocumentCollection<T>;
  /** True when the store answers (for /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
