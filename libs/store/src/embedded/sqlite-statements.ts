import type { Database, Statement } from 'better-sqlite3';

const MAX_CACHED = 256;

/**
 * Prepared statements keyed by SQL text. Filters compile to a handful of shapes per
 * repository, so caching them avoids re-parsing SQL on every query; the cap keeps an
 * unusual caller (filters built from user input) from growing it without bound.
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Database) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      if (this.statements.size >= MAX_CACHED) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
