/**
 * An in-process cache of results that change only when someone writes to the tables they read
 * (the administrators' sector-wide roll-up and dashboard lists), keyed by those tables' change
 * count: statement-level triggers (migration 0022) add one to a table's row in `change_counters`
 * in the writing transaction, so a reader that sees a new count also sees the write. Every
 * request reads the count (one indexed query over a few rows) and reuses the result computed at
 * the same count; each process reads the count from the database, so several processes stay
 * correct without talking to each other.
 *
 * The count is read before (or in the same statement as) the data a result is built from, so a
 * result is never older than the count it is stored under: a write committed in between only
 * makes it newer, and the next request, seeing the higher count, computes again.
 */
import { inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { changeCounters } from "../../../db/schema";

/** The sum of the tables' change counts: for a column of a query the page makes anyway. */
export function changesOf(tables: readonly string[]): SQL<number> {
  return sql<number>`(select coalesce(sum(${changeCounters.changes}), 0)::bigint
    from ${changeCounters} where ${inArray(changeCounters.tableName, [...tables])})`.mapWith(
    Number,
  );
}

function prepareRead(db: Db, name: string, tables: readonly string[]) {
  return db
    .select({
      changes: sql<number>`coalesce(sum(${changeCounters.changes}), 0)::bigint`.mapWith(Number),
    })
    .from(changeCounters)
    .where(inArray(changeCounters.tableName, [...tables]))
    .prepare(name);
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
  private entriesByDb = new WeakMap<Db, Map<string, { changes: number; value: V }>>();
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
    return Number(row!.changes);
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
      entries = new Map();
      this.entriesByDb.set(db, entries);
    }
    const cached = entries.get(key);
    let before: number | null = null;
    if (cached) {
      before = await this.readChanges(db);
      if (before === cached.changes) {
        // Most recently used last.
        entries.delete(key);
        entries.set(key, cached);
        return cached.value;
      }
    }
    const { value, changes } = await compute();
    const at = changes ?? before;
    if (at !== null) {
      entries.delete(key);
      entries.set(key, { changes: at, value });
      while (entries.size > this.maxEntries) {
        entries.delete(entries.keys().next().value!);
      }
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
