/** The database health probe behind GET /healthz. */
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";

/** Resolves when the database answers one trivial query; rejects when it does not. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
