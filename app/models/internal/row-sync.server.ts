/**
 * Bringing a child list of the working draft in line with the submitted rows, keeping each row's
 * identity (later revisions and measurements refer to rows by id).
 * Never import this from a route or a component (lint forbids it).
 */
import { getTableColumns, inArray, sql, type SQL } from "drizzle-orm";
import { type PgColumn, type PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import { FieldValidationError } from "../errors.server";

/** `set` for an upsert that overwrites every listed column with the incoming row. */
function excludedSet<T extends PgTable>(table: T, columns: (keyof T["$inferInsert"] & string)[]) {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  return Object.fromEntries(columns.map((key) => [key, sql.raw(`excluded."${all[key]!.name}"`)]));
}

/** A submitted row whose id is not one of this list's rows: another agreement's, or gone. */
export const FOREIGN_ROW_MESSAGE = "Rækken findes ikke længere i denne delaftale. Genindlæs siden.";

/** How a list's removed rows go: deleted, or retired when they have history (see retired-rows.server.ts). */
export type RemoveRows = (tx: Db, ids: number[]) => Promise<void>;

export interface SyncOptions {
  /** The list's field name: where a foreign id or a removal's question is reported. */
  field: string;
  remove?: RemoveRows;
}

/**
 * Brings a child list in line with the submitted rows: rows with an id are updated (one upsert
 * statement), rows without an id are inserted, missing ones removed. An id that is not one of the
 * list's current rows (another agreement's, a retired or deleted row, or twice in the list) is a
 * FieldValidationError on the list and nothing changes: treating it as a new row would silently
 * delete the row the form was really showing. Returns the ids in the submitted order.
 */
export async function syncRows<
  T extends PgTable & { id: PgColumn },
  R extends { id: number | null },
>(
  tx: Db,
  table: T,
  existingIds: number[],
  rows: R[],
  toColumns: (row: R, position: number) => Omit<T["$inferInsert"], "id">,
  updateColumns: (keyof T["$inferInsert"] & string)[],
  { field, remove }: SyncOptions,
): Promise<number[]> {
  const known = new Set(existingIds);
  const kept = new Set<number>();
  for (const row of rows) {
    if (row.id == null) continue;
    if (!known.has(row.id) || kept.has(row.id)) {
      throw new FieldValidationError({ [field]: FOREIGN_ROW_MESSAGE });
    }
    kept.add(row.id);
  }
  const removed = existingIds.filter((id) => !kept.has(id));
  if (removed.length) {
    if (remove) await remove(tx, removed);
    else await tx.delete(table).where(inArray(table.id, removed));
  }
  const withPosition = rows.map((row, position) => ({ row, position }));
  const updates = withPosition.filter(({ row }) => row.id != null);
  if (updates.length) {
    await tx
      .insert(table)
      .values(
        updates.map(({ row, position }) => ({
          ...toColumns(row, position),
          id: row.id,
        })) as T["$inferInsert"][],
      )
      .onConflictDoUpdate({
        target: table.id,
        set: excludedSet(table, updateColumns) as Parameters<
          ReturnType<ReturnType<Db["insert"]>["values"]>["onConflictDoUpdate"]
        >[0]["set"],
      });
  }
  const inserts = withPosition.filter(({ row }) => row.id == null);
  const insertedIds = inserts.length
    ? (
        await tx
          .insert(table)
          .values(
            inserts.map(({ row, position }) => toColumns(row, position)) as T["$inferInsert"][],
          )
          .returning({ id: table.id })
      ).map((r) => r.id as number)
    : [];
  let next = 0;
  return rows.map((row) => row.id ?? insertedIds[next++]!);
}

export async function idsOf(tx: Db, table: PgTable & { id: PgColumn }, where: SQL | undefined) {
  const rows = await tx.select({ id: table.id }).from(table).where(where);
  return rows.map((r) => r.id as number);
}
