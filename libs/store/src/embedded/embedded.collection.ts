import type { Database } from 'better-sqlite3';
import type {
  Document,
  DocumentCollection,
  Filter,
  FindOptions,
  IndexSpec,
  Update,
} from '../document-store.port';
import { applyUpdate, upsertSeed } from '../query/apply-update';
import { assertDistinctIds, assertDocumentId, assertPaging, indexName } from '../query/document.validation';
import { assertUpdate } from '../query/update.validation';
import { mapSqliteError } from './sqlite-error.mapper';
import { compileFilter } from './sqlite-filter.compiler';
import { afterClause, orderByClause, selectKeys, sortKeys } from './sqlite-order';
import { StatementCache } from './sqlite-statements';
import { fieldExpr } from './sqlite-filter.compiler';

const DEFAULT_BATCH = 500;

/**
 * One table per collection: `id` primary key and the document as JSONB (binary JSON,
 * so json_extract does not re-parse text on every row of a scan). better-sqlite3 is
 * synchronous, so each method body runs without interleaving: read-modify-write in
 * update() is atomic within the process, and the transaction makes it atomic on disk.
 */
export class EmbeddedCollection<T extends Document> implements DocumentCollection<T> {
  private readonly table: string;

  constructor(
    private readonly db: Database,
    private readonly statements: StatementCache,
    private readonly name: string,
    private readonly assertOpen: () => void,
  ) {
    this.table = `"c_${name}"`;
    db.exec(`CREATE TABLE IF NOT EXISTS ${this.table} (id TEXT PRIMARY KEY NOT NULL, doc BLOB NOT NULL)`);
  }

  async get(id: string): Promise<T | null> {
    return this.run(() => {
      const row = this.sql(`SELECT json(doc) AS doc FROM ${this.table} WHERE id = ?`).get(id) as
        | { doc: string }
        | undefined;
      return row ? (JSON.parse(row.doc) as T) : null;
    });
  }

  async put(doc: T): Promise<void> {
    assertDocumentId(doc._id);
    this.run(() =>
      this.sql(
        `INSERT INTO ${this.table} (id, doc) VALUES (?, jsonb(?)) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc`,
      ).run(doc._id, JSON.stringify(doc)),
    );
  }

  async insert(doc: T): Promise<boolean> {
    assertDocumentId(doc._id);
    // OR IGNORE covers every unique index, matching MongoDB's duplicate key on insert.
    const sql = `INSERT OR IGNORE INTO ${this.table} (id, doc) VALUES (?, jsonb(?))`;
    return this.run(() => this.sql(sql).run(doc._id, JSON.stringify(doc)).changes === 1);
  }

  async insertMany(docs: readonly T[]): Promise<boolean[]> {
    assertDistinctIds(docs);
    if (docs.length === 0) return [];
    const sql = `INSERT OR IGNORE INTO ${this.table} (id, doc) VALUES (?, jsonb(?))`;
    // One transaction: one fsync for the whole batch, as one round trip is for a server.
    return this.run(() =>
      this.db
        .transaction(() => docs.map((doc) => this.sql(sql).run(doc._id, JSON.stringify(doc)).changes === 1))
        .immediate(),
    );
  }

  async update(
    id: string,
    update: Update,
    options: { where?: Filter; upsert?: boolean } = {},
  ): Promise<boolean> {
    assertUpdate(update);
    const where = compileFilter(options.where ?? {});
    const select = `SELECT json(doc) AS doc FROM ${this.table} WHERE id = ? AND (${where.sql})`;
    const write = `UPDATE ${this.table} SET doc = jsonb(?) WHERE id = ?`;
    return this.run(() =>
      this.db
        .transaction(() => {
          const row = this.sql(select).get(id, ...where.params) as { doc: string } | undefined;
          if (row) {
            this.sql(write).run(JSON.stringify(applyUpdate(JSON.parse(row.doc) as T, update)), id);
            return true;
          }
          if (!options.upsert) return false;
          // Like MongoDB: an upsert whose `where` fails on an existing id inserts nothing.
          if (this.sql(`SELECT 1 FROM ${this.table} WHERE id = ?`).get(id)) return false;
          const created = applyUpdate(upsertSeed(id, options.where), update);
          this.sql(`INSERT INTO ${this.table} (id, doc) VALUES (?, jsonb(?))`).run(
            id,
            JSON.stringify(created),
          );
          return true;
        })
        .immediate(),
    );
  }

  async delete(id: string): Promise<boolean> {
    return this.run(() => this.sql(`DELETE FROM ${this.table} WHERE id = ?`).run(id).changes === 1);
  }

  async deleteMany(filter: Filter): Promise<number> {
    const where = compileFilter(filter);
    return this.run(
      () => this.sql(`DELETE FROM ${this.table} WHERE ${where.sql}`).run(...where.params).changes,
    );
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    assertPaging(options);
    const where = compileFilter(filter);
    const keys = sortKeys(options.sort);
    const sql =
      `SELECT json(doc) AS doc FROM ${this.table} WHERE ${where.sql} ORDER BY ${orderByClause(keys)}` +
      ` LIMIT ? OFFSET ?`;
    return this.run(() => {
      const rows = this.sql(sql).all(...where.params, options.limit ?? -1, options.skip ?? 0) as {
        doc: string;
      }[];
      return rows.map((row) => JSON.parse(row.doc) as T);
    });
  }

  async *iterate(filter: Filter, options: FindOptions & { batchSize?: number } = {}): AsyncIterable<T> {
    assertPaging(options);
    const where = compileFilter(filter);
    const keys = sortKeys(options.sort);
    const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
    let remaining = options.limit ?? Number.POSITIVE_INFINITY;
    let skip = options.skip ?? 0;
    let last: unknown[] | null = null;
    // Keyset pagination: each batch is a fresh query resuming after the previous last
    // row, so no statement stays open across the consumer's awaits (better-sqlite3 forbids
    // writes on a connection with an active iterator) and memory holds one batch.
    while (remaining > 0) {
      const after = last ? afterClause(keys, last) : { sql: '1', params: [] };
      const take = Math.min(batchSize, remaining);
      const sql =
        `SELECT json(doc) AS doc, ${selectKeys(keys)} FROM ${this.table} WHERE (${where.sql}) AND ${after.sql}` +
        ` ORDER BY ${orderByClause(keys)} LIMIT ? OFFSET ?`;
      const rows = this.run(
        () => this.sql(sql).all(...where.params, ...after.params, take, skip) as Record<string, unknown>[],
      );
      skip = 0;
      for (const row of rows) yield JSON.parse(row['doc'] as string) as T;
      if (rows.length < take) return;
      remaining -= rows.length;
      const lastRow = rows[rows.length - 1] as Record<string, unknown>;
      last = keys.map((_, i) => lastRow[`k${i}`]);
    }
  }

  async count(filter: Filter = {}): Promise<number> {
    const where = compileFilter(filter);
    const sql = `SELECT count(*) AS n FROM ${this.table} WHERE ${where.sql}`;
    return this.run(() => (this.sql(sql).get(...where.params) as { n: number }).n);
  }

  async ensureIndex(spec: IndexSpec): Promise<void> {
    const columns = Object.entries(spec.fields).map(
      ([path, dir]) => `${fieldExpr(path).value} ${dir === -1 ? 'DESC' : 'ASC'}`,
    );
    const name = `"${this.name}__${indexName(spec)}"`;
    const unique = spec.unique ? 'UNIQUE ' : '';
    this.run(() =>
      this.db.exec(`CREATE ${unique}INDEX IF NOT EXISTS ${name} ON ${this.table} (${columns.join(', ')})`),
    );
  }

  private sql(sql: string) {
    return this.statements.get(sql);
  }

  private run<R>(work: () => R): R {
    this.assertOpen();
    try {
      return work();
    } catch (error) {
      throw mapSqliteError(error, this.name);
    }
  }
}
