/**
 * Documents that never change once they exist: an approved version of an agreement (its frozen
 * snapshot) and a final progress report (its snapshot; reopening makes it a draft again, and
 * finalising it again raises its version). Their downloads carry an ETag built from what
 * identifies them (app/http.server.ts), so a browser that has one gets 304 instead of a new render.
 *
 * Each tag is read after the same access check as the document itself: a user who may not see
 * the plan gets its 404, whatever tag they send. Null when the document is not (or not yet)
 * immutable, or does not exist: the route then renders (and answers 404) as it always did.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agreements, agreementVersions, progressReports } from "../../db/schema";
import type { SessionUser } from "~/domain/user";
import { requirePlanRole } from "./access.server";

/** "agreement-version-<version row id>" for an approved version of this plan's agreement. */
export async function approvedVersionTag(
  db: Db,
  user: SessionUser,
  planId: number,
  agreementId: number,
  number: number,
): Promise<string | null> {
  await requirePlanRole(db, user, planId);
  const [row] = await db
    .select({ id: agreementVersions.id, status: agreementVersions.status })
    .from(agreementVersions)
    .innerJoin(agreements, eq(agreements.id, agreementVersions.agreementId))
    .where(
      and(
        eq(agreements.planId, planId),
        eq(agreementVersions.agreementId, agreementId),
        eq(agreementVersions.number, number),
      ),
    );
  return row?.status === "approved" ? `agreement-version-${row.id}` : null;
}

/** "progress-report-<id>.<version>" for the plan's final report on the year. */
export async function finalReportTag(
  db: Db,
  user: SessionUser,
  planId: number,
  year: number,
): Promise<string | null> {
  await requirePlanRole(db, user, planId);
  const [row] = await db
    .select({
      id: progressReports.id,
      status: progressReports.status,
      version: progressReports.version,
    })
    .from(progressReports)
    .where(and(eq(progressReports.planId, planId), eq(progressReports.year, year)));
  return row?.status === "final" ? `progress-report-${row.id}.${row.version}` : null;
}
