/**
 * Whether a plan's year is locked by a final progress report, unscoped: the measurement, spending
 * and report models check access first. Never import this from a route or a component.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { progressReports } from "../../../db/schema";
import { LockedError } from "../errors.server";

export function finalYearMessage(year: number): string {
  return `Statusrapporten for ${year} er endelig, så årets tal er låst. En administrator kan genåbne rapporten.`;
}

/**
 * Throws a LockedError when the plan's report on `year` is final. Takes a share lock on the report
 * row so that a concurrent finalising waits for the caller's transaction (and then sees its
 * figures) or the caller waits for the finalising (and then gets this error).
 */
export async function assertReportYearOpen(tx: Db, planId: number, year: number): Promise<void> {
  const [row] = await tx
    .select({ status: progressReports.status })
    .from(progressReports)
    .where(and(eq(progressReports.planId, planId), eq(progressReports.year, year)))
    .for("share");
  if (row?.status === "final") throw new LockedError(finalYearMessage(year));
}

/** The years whose report is final, for pages that lock the year's figures. One query. */
export async function finalReportYears(db: Db, planId: number): Promise<Set<number>> {
  const rows = await db
    .select({ year: progressReports.year })
    .from(progressReports)
    .where(and(eq(progressReports.planId, planId), eq(progressReports.status, "final")));
  return new Set(rows.map((r) => r.year));
}
