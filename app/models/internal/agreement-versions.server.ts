/**
 * An agreement's version history as rows (without snapshots), shared by the revision workflow and
 * the version and review pages. Unscoped: callers check the user's plan role first.
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../../db/client";
import { agreementVersions, agreements, revisions, users } from "../../../db/schema";
import { versionLabel, type VersionStatus } from "~/domain/revision";
import {
  agreementStatus,
  type AgreementStatus,
  type AgreementStatusInput,
} from "~/domain/status-words";
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
/** A version's submission and decision times as ISO text in UTC. */
export const versionSubmittedAt = sql<string>`to_char(${agreementVersions.submittedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
export const versionDecidedAt = sql<
  string | null
>`to_char(${agreementVersions.decidedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
export const decider = alias(users, "decider");

/**
 * The version history of an agreement, newest first (without the snapshots), or a page of it.
 * One query.
 */
export async function selectVersions(
  db: Db,
  agreementId: number,
  page?: { limit: number; offset: number },
): Promise<VersionRow[]> {
  const query = db
    .select({
      id: agreementVersions.id,
      number: agreementVersions.number,
      status: agreementVersions.status,
      summary: agreementVersions.summary,
      recommendation: agreementVersions.recommendation,
      submittedAt: versionSubmittedAt,
      submittedBy: submitter.name,
      decidedAt: versionDecidedAt,
      decidedBy: decider.name,
      meetingDate: agreementVersions.meetingDate,
      decisionNote: agreementVersions.decisionNote,
    })
    .from(agreementVersions)
    .leftJoin(submitter, eq(submitter.id, agreementVersions.submittedBy))
    .leftJoin(decider, eq(decider.id, agreementVersions.decidedBy))
    .where(eq(agreementVersions.agreementId, agreementId))
    .orderBy(desc(agreementVersions.number))
    .$dynamic();
  const rows = await (page ? query.limit(page.limit).offset(page.offset) : query);
  return rows.map((r) => ({ ...r, label: versionLabel(r) }));
}

// --- the agreement's state (status-words.ts agreementStatus) --------------------------------

/**
 * The columns agreementStatus() needs, as correlated subqueries on the `agreements` row of the
 * surrounding select: add them to a list query and the state costs no query per row. The
 * agreement is named in full ("agreements"."id"): drizzle leaves a single-table select's columns
 * unqualified, which inside the subquery would name the version's own id.
 */
export const agreementStatusColumns = {
  statusVersions: sql<string>`(select coalesce(json_agg(json_build_object(
      'number', v.number,
      'status', v.status,
      'decidedAt', to_char(v.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
      'meetingDate', v.meeting_date) order by v.number), '[]'::json)::text
    from ${agreementVersions} v where v.agreement_id = "agreements"."id")`,
  // A revision round is open, or the draft was saved after the approved version was frozen
  // (edits are refused while a version is proposed, so a later save is a revision's work).
  statusRevising: sql<boolean>`(exists (select 1 from ${revisions} r
      where r.agreement_id = "agreements"."id" and r.status = 'open')
    or exists (select 1 from ${agreementVersions} v where v.agreement_id = "agreements"."id"
      and v.status = 'approved' and "agreements"."updated_at" > v.submitted_at))`,
};

/** The state of an agreement from the row's agreementStatusColumns. */
export function toAgreementStatus(row: {
  statusVersions: string;
  statusRevising: boolean;
}): AgreementStatus {
  return agreementStatus({
    versions: JSON.parse(row.statusVersions) as AgreementStatusInput["versions"],
    revising: Boolean(row.statusRevising),
  });
}

/** The states of the agreements matching `where` (on the agreements table), by id. One query. */
export async function selectAgreementStatuses(
  db: Db,
  where: SQL,
): Promise<Map<number, AgreementStatus>> {
  const rows = await db
    .select({ id: agreements.id, ...agreementStatusColumns })
    .from(agreements)
    .where(where);
  return new Map(rows.map((r) => [r.id, toAgreementStatus(r)]));
}
