/**
 * Queries built once per database handle: drizzle composes a query's SQL text on every call (a
 * tenth of a page's server time on the busiest pages), a prepared query (`.prepare("name")` with
 * `sql.placeholder()` for its values) only once. `preparedPerDb(build)` returns the queries of
 * `build` for a handle, building them on the handle's first use; a handle with a logger (the
 * tests' query counting) gets its own.
 */
import type { Db } from "../../../db/client";

export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const byDb = new WeakMap<Db, T>();
  return (db) => {
    let queries = byDb.get(db);
    if (queries === undefined) {
      queries = build(db);
      byDb.set(db, queries);
    }
    return queries;
  };
}
