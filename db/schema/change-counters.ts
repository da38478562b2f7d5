/**
 * How many writing statements each table has seen, for the in-process caches of sector-wide
 * results (app/models/internal/change-cache.server.ts), which key on the sum over the tables they
 * read. A statement-level trigger (migration 0022) inserts one row into `change_log` in the writing
 * transaction, so a reader that sees the new count also sees the write. Writers only insert: no
 * writer waits for another, and no lock order between tables can deadlock. Now and then a reader
 * folds the log into `change_counters` (one statement: a reader sees either the rows or the
 * counts, so the sum never goes back), which keeps the log short.
 *
 * A table's count is its counter plus its rows in the log.
 */
import { bigint, bigserial, index, pgTable, text } from "drizzle-orm/pg-core";

export const changeCounters = pgTable("change_counters", {
  tableName: text("table_name").primaryKey(),
  changes: bigint("changes", { mode: "number" }).notNull().default(0),
});

export const changeLog = pgTable(
  "change_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tableName: text("table_name").notNull(),
  },
  (t) => [index("change_log_table_name_idx").on(t.tableName)],
);
