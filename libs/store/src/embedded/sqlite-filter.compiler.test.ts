import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { InvalidQueryError } from '../errors/invalid-query.error';
import { compileFilter } from './sqlite-filter.compiler';
import { createEmbeddedStore } from './embedded.store';

describe('SQLite filter compiler', () => {
  it('binds every value as a parameter, never as SQL text', () => {
    const hostile = "x' OR 1=1 --";
    const { sql, params } = compileFilter({ s: hostile, n: { $in: [1, 'two'] }, t: { $gte: 'a"b' } });
    expect(sql).not.toContain('OR 1=1');
    expect(sql).not.toContain('two');
    expect(sql).not.toContain('a"b');
    expect(params).toEqual([hostile, 'two', 1, 'a"b']);
  });

  it.each(["a'b", 'a"b', 'a b', 'a[0]', '$where', 'a.$b', '1a', 'a.', '.a', ''])('refuses the field path %p', (path) => {
    expect(() => compileFilter({ [path]: 1 })).toThrow(InvalidQueryError);
  });

  it('compiles an empty filter to a condition that is always true', () => {
    const db = new Database(':memory:');
    const { sql } = compileFilter({});
    expect(db.prepare(`SELECT ${sql} AS ok`).get()).toEqual({ ok: 1 });
    db.close();
  });
});

describe('embedded indexes', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dms-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // An expression index serves a query only if the query's expression is textually the
  // indexed one; this asks SQLite's planner about the SQL the compiler really produces.
  it.each([
    ['equality', { tac: '35123456' }],
    ['equality and range', { tac: '35123456', seen: { $gt: 5 } }],
    ['$in', { tac: { $in: ['1', '2'] } }],
  ])('serve %s queries on the indexed path', async (_what, filter) => {
    const file = path.join(dir, 'plan.db');
    const store = createEmbeddedStore({ file });
    await store.collection('terminals').ensureIndex({ fields: { tac: 1, seen: -1 } });
    await store.close();

    const db = new Database(file, { readonly: true });
    const { sql, params } = compileFilter(filter);
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT doc FROM "c_terminals" WHERE ${sql}`).all(...params) as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toContain('USING INDEX terminals__tac_1_seen_-1 (<expr>=?');
    db.close();
  });
});
