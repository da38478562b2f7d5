/**
 * An in-process cache of results that change only when someone writes to the tables they read
 * (the administrators' sector-wide roll-up and dashboard lists), keyed by those tables' change
 * count. Statement-level triggers (migration 0022) insert a row into `change_log` in the writing
 * transaction, so a reader that sees a new count also sees the write; a table's count is its row
 * in `change_counters` plus its rows in the log. Every request reads the count (one small indexed
 * query) and reuses the result computed at the same count; each process reads the count from the
 * database, so several processes stay correct without talking to each other.
 *
 * Writers only insert into the log: they never wait for each other on a shared counter row, and
 * two transactions writing the same tables in opposite order cannot deadlock over it. When the
 * log has grown past COMPACT_AT rows, the reader that notices folds it into the counters in one
 * statement, which a concurrent reader sees either wholly or not at all, so a count never goes
 * back.
 *
 * The count is read before (or in the same statement as) the data a result is built from, so a
 * result is never older than the count it is stored under: a write committed in between only
 * makes it newer, and the next request, seeing the higher count, computes again.
 */
import { inArray, sql, type SQL } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Db } from "../../../db/client";
import { changeCounters, changeLog } from "../../../db/schema";
import { logger } from "../../logger.server";

/** Log rows at which a reader folds the log into the counters. */
export const COMPACT_AT = 1000;

function countedChanges(tables: readonly string[]): SQL {
  return sql`(select coalesce(sum(${changeCounters.changes}), 0)
    from ${changeCounters} where ${inArray(changeCounters.tableName, [...tables])})`;
}

function loggedChanges(tables: readonly string[]): SQL {
  return sql`(select count(*) from ${changeLog} where ${inArray(changeLog.tableName, [...tables])})`;
}

/** The sum of the tables' change counts: for a column of a query the page makes anyway. */
export function changesOf(tables: readonly string[]): SQL<number> {
  return sql<number>`(${countedChanges(tables)} + ${loggedChanges(tables)})::bigint`.mapWith(
    Number,
  );
}

function prepareRead(db: Db, name: string, tables: readonly string[]) {
  return db
    .select({
      counted: sql<number>`${countedChanges(tables)}::bigint`.mapWith(Number),
      logged: sql<number>`${loggedChanges(tables)}::bigint`.mapWith(Number),
    })
    .from(sql`(select 1) as one`)
    .prepare(name);
}

/**
 * Moves the log's rows into the counters, in one statement. Two readers compacting at once each
 * move only the rows they deleted; a failure only leaves the log longer (the counts stay right).
 */
export async function compactChangeLog(db: Db): Promise<void> {
  try {
    await db.execute(sql`with moved as (delete from ${changeLog} returning table_name),
      per_table as (select table_name, count(*)::bigint as n from moved group by table_name)
      insert into ${changeCounters} (table_name, changes)
      select table_name, n from per_table
      on conflict (table_name) do update set changes = ${changeCounters.changes} + excluded.changes`);
  } catch (error) {
    logger.warn({ err: error }, "change log compaction failed");
  }
}

/** What a computation returns: the value, and the change count read with it (null: not read). */
export interface Computed<V> {
  value: V;
  changes: number | null;
}

const caches: ChangeCache<unknown>[] = [];

/**
 * Results keyed by `key` (what else they depend on: year, today's date, the user where the result
 * is the user's), valid while the sum of `tables`' change counts stays the same. At most
 * `maxEntries` results, the least recently used dropped first. The values are shared between
 * requests: callers must not change them.
 */
export class ChangeCache<V> {
  /** Per database handle: another database's counts say nothing about this one's. */
  private entriesByDb = new WeakMap<Db, LRUCache<string, { changes: number; value: V }>>();
  private readonly prepared = new WeakMap<Db, ReturnType<typeof prepareRead>>();

  constructor(
    /** A name for the prepared statement that reads the count (unique per cache). */
    readonly name: string,
    /** The tables the cached results read: each has a trigger and a counter (migration 0022). */
    readonly tables: readonly string[],
    private readonly maxEntries = 64,
  ) {
    caches.push(this as ChangeCache<unknown>);
  }

  /** The tables' change count now: one query. */
  async readChanges(db: Db): Promise<number> {
    let read = this.prepared.get(db);
    if (!read) {
      read = prepareRead(db, `changes_${this.name}`, this.tables);
      this.prepared.set(db, read);
    }
    const [row] = await read.execute();
    const { counted, logged } = row!;
    if (logged >= COMPACT_AT) await compactChangeLog(db);
    return counted + logged;
  }

  /** The column to add to a computation's first query for the count (see `get`). */
  changesColumn(): SQL<number> {
    return changesOf(this.tables);
  }

  /**
   * The result for `key`: the cached one when the tables have not changed since it was computed
   * (one query to tell), else `compute`'s. `compute` reports the change count it read in its
   * first statement (changesColumn), which every other statement it makes must follow, or null;
   * the result is stored under that count, or, lacking one, under the count read before it.
   */
  async get(db: Db, key: string, compute: () => Promise<Computed<V>>): Promise<V> {
    let entries = this.entriesByDb.get(db);
    if (!entries) {
      entries = new LRUCache({ max: this.maxEntries });
      this.entriesByDb.set(db, entries);
    }
    const cached = entries.get(key);
    let before: number | null = null;
    if (cached) {
      before = await this.readChanges(db);
      if (before === cached.changes) return cached.value;
    }
    const { value, changes } = await compute();
    const at = changes ?? before;
    if (at !== null) {
      entries.set(key, { changes: at, value });
    }
    return value;
  }

  clear(): void {
    this.entriesByDb = new WeakMap();
  }
}

/** Forgets every cached result (tests that count a page's queries from cold). */
export function clearChangeCaches(): void {
  for (const cache of caches) cache.clear();
}
