/**
 * The fund administration's assessment and the organisation board's decision on a submitted
 * application; an approval turns it into a grant with an amount per year, in the same
 * transaction. Afterwards the application never changes (LockedError here, triggers in the
 * database: migration 0009).
 */
import { and, eq, or } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  fundApplications,
  fundGrantYears,
  fundGrants,
  organisationMemberships,
} from "../../../db/schema";
import {
  decisionIssues,
  frameOverview,
  fundDecisionLabels,
  grantAmounts,
  isDecided,
  periodYears,
  ruleIssuesToFieldErrors,
  type FrameOverview,
  type FundApplicationStatus,
  type FundAssessmentValues,
  type FundDecisionValues,
} from "~/domain/disposition-fund";
import type { SessionUser } from "~/domain/user";
import { recordAudit } from "../audit.server";
import { notify } from "../notifications.server";
import { ConflictError, FieldValidationError, LockedError } from "../errors.server";
import { selectCommitted, selectFrames } from "../internal/fund-access.server";
import {
  assertOpen,
  loadRecord,
  requireApplication,
  type ApplicationScope,
} from "../internal/fund-application-rows.server";

/** Locks the row and requires a submitted application at `version` (assessment, decision). */
async function lockSubmitted(tx: Db, applicationId: number, version: number, action: string) {
  const { row, record } = await loadRecord(tx, applicationId);
  if (isDecided(row.status)) assertOpen(row.status);
  if (row.status !== "submitted") {
    throw new LockedError(`Kun indsendte ansøgninger kan ${action}.`);
  }
  if (row.version !== version) throw new ConflictError();
  return { row, record };
}

/**
 * The fund administration's assessment and recommendation of a submitted application (may be
 * rewritten until the decision). Returns the new version.
 */
export async function assessApplication(
  db: Db,
  user: SessionUser,
  scope: ApplicationScope,
  version: number,
  values: FundAssessmentValues,
): Promise<number> {
  const { applicationId } = scope;
  await requireApplication(db, user, scope, ["fund_admin"]);
  return db.transaction(async (tx) => {
    const { row } = await lockSubmitted(tx, applicationId, version, "vurderes");
    const now = new Date();
    await tx
      .update(fundApplications)
      .set({
        assessment: values.assessment,
        recommendation: values.recommendation,
        assessedBy: user.id,
        assessedAt: now,
        version: version + 1,
        updatedAt: now,
      })
      .where(eq(fundApplications.id, applicationId));
    await recordAudit(tx, {
      user,
      action: "fund_application.assess",
      entityType: "fund_application",
      entityId: applicationId,
      before: { assessment: row.assessment, recommendation: row.recommendation, version },
      after: { ...values, version: version + 1 },
    });
    return version + 1;
  });
}

export interface FundDecisionResult {
  status: FundApplicationStatus;
  version: number;
  /** The grant created by an approval; null when rejected. */
  grant: { id: number; years: { year: number; amount: number }[] } | null;
  /** The fund's frames after the decision (a year over its frame is a warning, not a block). */
  frames: FrameOverview;
}

/**
 * Records the organisation board's decision on a submitted application (assessed or not; fund
 * administrators and administrators). An approval creates the grant and its amount per year in
 * the same transaction. Afterwards the application never changes.
 */
export async function decideApplication(
  db: Db,
  user: SessionUser,
  scope: ApplicationScope,
  version: number,
  values: FundDecisionValues,
): Promise<FundDecisionResult> {
  const { applicationId } = scope;
  const { fund } = await requireApplication(db, user, scope, ["fund_admin"]);
  return db.transaction(async (tx) => {
    const { row, record } = await lockSubmitted(tx, applicationId, version, "afgøres");
    const issues = decisionIssues(values, record.years);
    const amounts = grantAmounts(values, record.years);
    if (values.decision !== "rejected" && !amounts.length) {
      issues.push({
        path: ["decision"],
        message: "Der er ikke søgt om et beløb, der kan bevilges",
      });
    }
    if (issues.length) throw new FieldValidationError(ruleIssuesToFieldErrors(issues));
    const now = new Date();
    await tx
      .update(fundApplications)
      .set({
        status: values.decision,
        decisionDate: values.decisionDate,
        decisionConditions: values.conditions,
        decidedBy: user.id,
        decidedAt: now,
        version: version + 1,
        updatedAt: now,
      })
      .where(eq(fundApplications.id, applicationId));
    let grant: FundDecisionResult["grant"] = null;
    if (values.decision !== "rejected") {
      const [created] = await tx
        .insert(fundGrants)
        .values({ applicationId, fundId: row.fundId, estateId: row.estateId })
        .returning({ id: fundGrants.id });
      await tx.insert(fundGrantYears).values(amounts.map((a) => ({ grantId: created!.id, ...a })));
      grant = { id: created!.id, years: amounts };
    }
    await recordAudit(tx, {
      user,
      action: "fund_application.decide",
      entityType: "fund_application",
      entityId: applicationId,
      before: { status: row.status, version },
      after: {
        status: values.decision,
        version: version + 1,
        decisionDate: values.decisionDate,
        conditions: values.conditions,
        grant,
      },
    });
    await notifyApplicant(tx, user, fund, row, values.decision);
    const [frames, committed] = await Promise.all([
      selectFrames(tx, fund.id),
      selectCommitted(tx, fund.id),
    ]);
    return {
      status: values.decision,
      version: version + 1,
      grant,
      frames: frameOverview(frames, committed, [
        ...periodYears(record.startYear, record.endYear),
        ...amounts.map((a) => a.year),
      ]),
    };
  });
}

/**
 * Tells the estate's applicants (and whoever submitted it, while they still belong to the
 * organisation: a fund administrator may submit for an estate) that the application is decided.
 */
async function notifyApplicant(
  tx: Db,
  user: SessionUser,
  fund: { id: number; name: string; organisationId: number },
  row: { id: number; estateId: number; title: string; submittedBy: number | null },
  decision: keyof typeof fundDecisionLabels,
) {
  const message = {
    kind: "application_decided" as const,
    actorId: user.id,
    title: `Afgørelse om «${row.title}»: ${fundDecisionLabels[decision].toLocaleLowerCase("da")}`,
    body: `Organisationsbestyrelsen har truffet afgørelse om ansøgningen til ${fund.name}.`,
    path: `/funds/${fund.id}/applications/${row.id}`,
    organisationId: fund.organisationId,
    // One notification per user, also for a submitter who is one of the estate's applicants.
    dedupeKey: `application_decided:${row.id}`,
  };
  await notify(tx, {
    ...message,
    recipients: { organisationId: fund.organisationId, role: "applicant", estateId: row.estateId },
  });
  if (row.submittedBy == null) return;
  const [member] = await tx
    .select({ userId: organisationMemberships.userId })
    .from(organisationMemberships)
    .where(
      and(
        eq(organisationMemberships.userId, row.submittedBy),
        eq(organisationMemberships.organisationId, fund.organisationId),
        or(
          eq(organisationMemberships.role, "fund_admin"),
          eq(organisationMemberships.estateId, row.estateId),
        ),
      ),
    )
    .limit(1);
  if (member) await notify(tx, { ...message, recipients: { userIds: [member.userId] } });
}
