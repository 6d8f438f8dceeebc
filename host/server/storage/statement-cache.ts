import type SQLite from 'better-sqlite3';

/** Statements kept per connection; the SQL of `in (?, ?, …)` lists varies with their length. */
const MAX_STATEMENTS = 500;

/**
 * Makes `sqlite.prepare` reuse a prepared statement per SQL text. Kysely's SqliteDriver prepares every
 * query again (parse + plan on each call: ~8% of a list request's CPU in the issue #17 profile).
 * Safe because the driver runs each statement to completion synchronously (`all`/`run`) on its one
 * connection behind a mutex; SQLite re-prepares a cached statement itself after a schema change.
 */
export function cacheStatements(sqlite: SQLite.Database): SQLite.Database {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  const cached = (sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = prepare(sql);
      if (cache.size >= MAX_STATEMENTS) cache.clear();
      cache.set(sql, stmt);
    }
    return stmt;
  };
  sqlite.prepare = cached as SQLite.Database['prepare'];
  return sqlite;
}
