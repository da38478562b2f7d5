/**
 * How many writing statements each table has seen: statement-level triggers (migration 0022) add
 * one in the writing transaction, so a reader that sees a new count also sees the write. The
 * in-process caches of sector-wide results (app/models/internal/change-cache.server.ts) key on
 * the sum over the tables they read.
 */
import { bigint, pgTable, text } from "drizzle-orm/pg-core";

export const changeCounters = pgTable("change_counters", {
  tableName: text("table_name").primaryKey(),
  changes: bigint("changes", { mode: "number" }).notNull().default(0),
});
