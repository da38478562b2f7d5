/**
 * An agreement's version history as rows (without snapshots), shared by the revision workflow and
 * the version and review pages. Unscoped: callers check the user's plan role first.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import { agreementVersions, agreements, users } from "../../../db/schema";
import { versionLabel, type VersionStatus } from "~/domain/revision";
import { NotFoundError } from "../errors.server";

export async function requireAgreement(db: Db, planId: number, agreementId: number) {
  const [row] = await db
    .select({ id: agreements.id })
    .from(agreements)
    .where(and(eq(agreements.id, agreementId), eq(agreements.planId, planId)));
  if (!row) throw new NotFoundError("Delaftalen findes ikke");
}

export interface VersionRow {
  id: number;
  number: number;
  status: VersionStatus;
  summary: string | null;
  recommendation: string | null;
  submittedAt: string;
  submittedBy: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  meetingDate: string | null;
  decisionNote: string | null;
  label: string;
}

export const submitter = alias(users, "submitter");
export const decider = alias(users, "decider");

/** The version history of an agreement, newest first (without the snapshots). One query. */
export async function selectVersions(db: Db, agreementId: number): Promise<VersionRow[]> {
  const rows = await db
    .select({
      id: agreementVersions.id,
      number: agreementVersions.number,
      status: agreementVersions.status,
      summary: agreementVersions.summary,
      recommendation: agreementVersions.recommendation,
      submittedAt: sql<string>`to_char(${agreementVersions.submittedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      submittedBy: submitter.name,
      decidedAt: sql<
        string | null
      >`to_char(${agreementVersions.decidedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
      decidedBy: decider.name,
      meetingDate: agreementVersions.meetingDate,
      decisionNote: agreementVersions.decisionNote,
    })
    .from(agreementVersions)
    .leftJoin(submitter, eq(submitter.id, agreementVersions.submittedBy))
    .leftJoin(decider, eq(decider.id, agreementVersions.decidedBy))
    .where(eq(agreementVersions.agreementId, agreementId))
    .orderBy(desc(agreementVersions.number));
  return rows.map((r) => ({ ...r, label: versionLabel(r) }));
}
