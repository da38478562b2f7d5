/**
 * Writing applications to a dispositionsfond as the applicant: create a draft, save it, submit it
 * against the fund's rules, withdraw it. Every transition is one transaction with optimistic
 * locking (version) and an audit event.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  fundApplicationFunding,
  fundApplicationYears,
  fundApplications,
  organisations,
} from "../../../db/schema";
import {
  applicationIssues,
  applicationValuesFromRecord,
  ruleIssuesToFieldErrors,
  type ApplicationIntent,
  type ApplicationValues,
  type FundRole,
  type RuleIssue,
} from "~/domain/disposition-fund";
import { isRichTextEmpty } from "~/domain/rich-text";
import type { SessionUser } from "~/domain/user";
import { recordAudit } from "../audit.server";
import { requireFund } from "../disposition-funds.server";
import { ConflictError, FieldValidationError } from "../errors.server";
import { notify } from "../notifications.server";
import { selectPlanOptions, type FundRecord } from "../internal/fund-access.server";
import {
  assertOpen,
  loadRecord,
  requireApplication,
  type ApplicationScope,
} from "../internal/fund-application-rows.server";

// --- writing ----------------------------------------------------------------------------------

/**
 * The checks that need the database: the estate is one of the fund's organisation's estates (and
 * one of the applicant's own), each linked LBF plan exists and concerns the organisation or its
 * estates; then the fund's rules for the intent. Throws FieldValidationError with every message.
 */
async function validateApplication(
  tx: Db,
  fund: FundRecord,
  access: { role: FundRole; applicantEstateIds: number[] },
  values: ApplicationValues,
  intent: ApplicationIntent,
): Promise<{ tenancies: number | null }> {
  const planIds = [
    ...new Set(values.funding.map((f) => f.planId).filter((id): id is number => id != null)),
  ];
  const [[estateRow], knownPlans] = await Promise.all([
    tx
      .select({ tenancies: organisations.tenancies })
      .from(organisations)
      .where(
        and(
          eq(organisations.id, values.estateId),
          eq(organisations.kind, "estate"),
          eq(organisations.parentId, fund.organisationId),
        ),
      ),
    planIds.length ? selectPlanOptions(tx, fund.organisationId, planIds) : Promise.resolve([]),
  ]);
  const issues: RuleIssue[] = [];
  if (!estateRow) {
    issues.push({
      path: ["estateId"],
      message: `Vælg en af ${fund.organisationName}s afdelinger`,
    });
  } else if (access.role === "applicant" && !access.applicantEstateIds.includes(values.estateId)) {
    issues.push({
      path: ["estateId"],
      message: "Du kan kun søge for den afdeling, du er ansøger for",
    });
  }
  const known = new Set(knownPlans.map((p) => p.id));
  values.funding.forEach((f, i) => {
    if (f.planId != null && !known.has(f.planId)) {
      issues.push({ path: ["funding", i, "planId"], message: "Vælg en helhedsplan fra listen" });
    }
  });
  // The estate's tenancies prefill an application that does not give its own.
  const tenancies = values.tenancies ?? estateRow?.tenancies ?? null;
  issues.push(...applicationIssues({ ...values, tenancies }, fund, intent));
  if (issues.length) throw new FieldValidationError(ruleIssuesToFieldErrors(issues));
  return { tenancies };
}

function applicationColumns(values: ApplicationValues, tenancies: number | null) {
  return {
    estateId: values.estateId,
    title: values.title,
    description: isRichTextEmpty(values.description) ? null : values.description,
    purpose: isRichTextEmpty(values.purpose) ? null : values.purpose,
    need: values.need,
    notOrdinaryActivity: values.notOrdinaryActivity,
    startYear: values.startYear,
    endYear: values.endYear,
    tenancies,
  };
}

/** Replaces the application's budget rows and other funding with the submitted ones. */
async function writeRows(tx: Db, applicationId: number, values: ApplicationValues) {
  await tx
    .delete(fundApplicationYears)
    .where(eq(fundApplicationYears.applicationId, applicationId));
  await tx
    .delete(fundApplicationFunding)
    .where(eq(fundApplicationFunding.applicationId, applicationId));
  if (values.years.length) {
    await tx
      .insert(fundApplicationYears)
      .values(
        [...values.years].sort((a, b) => a.year - b.year).map((y) => ({ applicationId, ...y })),
      );
  }
  if (values.funding.length) {
    await tx.insert(fundApplicationFunding).values(
      values.funding.map((f, position) => ({
        applicationId,
        kind: f.kind,
        planId: f.planId,
        name: f.name,
        amount: f.amount,
        position,
      })),
    );
  }
}

/**
 * Creates a draft application to the fund (applicants for their estate, fund administrators and
 * administrators for any of the organisation's estates). Returns its id and version.
 */
export async function createApplication(
  db: Db,
  user: SessionUser,
  fundId: number,
  values: ApplicationValues,
): Promise<{ id: number; version: number }> {
  const access = await requireFund(db, user, fundId);
  return db.transaction(async (tx) => {
    const { tenancies } = await validateApplication(tx, access.fund, access, values, "draft");
    const columns = applicationColumns(values, tenancies);
    const [created] = await tx
      .insert(fundApplications)
      .values({ fundId, ...columns, createdBy: user.id })
      .returning({ id: fundApplications.id, version: fundApplications.version });
    await writeRows(tx, created!.id, values);
    await recordAudit(tx, {
      user,
      action: "fund_application.create",
      entityType: "fund_application",
      entityId: created!.id,
      after: { fundId, status: "draft", ...columns, years: values.years, funding: values.funding },
    });
    return created!;
  });
}

/**
 * Saves (`intent` "draft") or saves and submits ("submit") a draft. Submitting runs every rule,
 * including the not-ordinary confirmation and the fund's period; any failure throws
 * FieldValidationError before anything is written. Without `values`, the saved draft is submitted.
 */
async function writeDraft(
  db: Db,
  user: SessionUser,
  scope: ApplicationScope,
  version: number,
  values: ApplicationValues | null,
  intent: ApplicationIntent,
): Promise<number> {
  const { applicationId } = scope;
  const access = await requireApplication(db, user, scope);
  return db.transaction(async (tx) => {
    const { row: before, record } = await loadRecord(tx, applicationId);
    assertOpen(before.status);
    if (before.version !== version) throw new ConflictError();
    const next = values ?? applicationValuesFromRecord(record);
    const { tenancies } = await validateApplication(tx, access.fund, access, next, intent);
    const columns = applicationColumns(next, tenancies);
    const now = new Date();
    await tx
      .update(fundApplications)
      .set({
        ...columns,
        ...(intent === "submit"
          ? { status: "submitted" as const, submittedAt: now, submittedBy: user.id }
          : {}),
        version: version + 1,
        updatedAt: now,
      })
      .where(eq(fundApplications.id, applicationId));
    if (values) await writeRows(tx, applicationId, values);
    await recordAudit(tx, {
      user,
      action: intent === "submit" ? "fund_application.submit" : "fund_application.update",
      entityType: "fund_application",
      entityId: applicationId,
      before: { status: before.status, version, ...record },
      after: {
        status: intent === "submit" ? "submitted" : before.status,
        version: version + 1,
        ...columns,
        years: next.years,
        funding: next.funding,
      },
    });
    if (intent === "submit") {
      await notify(tx, {
        kind: "application_submitted",
        recipients: { organisationId: access.fund.organisationId, role: "fund_admin" },
        actorId: user.id,
        title: `Ny ansøgning til ${access.fund.name}: «${columns.title}»`,
        body: "Ansøgningen er indsendt og venter på fondsadministrationens vurdering.",
        path: `/funds/${access.fund.id}/applications/${applicationId}`,
        organisationId: access.fund.organisationId,
        dedupeKey: `application_submitted:${applicationId}`,
      });
    }
    return version + 1;
  });
}

/** Saves a draft. Returns the new version. */
export function updateApplication(
  db: Db,
  user: SessionUser,
  scope: ApplicationScope,
  version: number,
  values: ApplicationValues,
): Promise<number> {
  return writeDraft(db, user, scope, version, values, "draft");
}

/**
 * Submits a draft to the fund, with the form's values (saved in the same transaction) or as
 * saved. Returns the new version.
 */
export function submitApplication(
  db: Db,
  user: SessionUser,
  scope: ApplicationScope,
  version: number,
  values: ApplicationValues | null = null,
): Promise<number> {
  return writeDraft(db, user, scope, version, values, "submit");
}

/** Takes a draft or submitted application back (final). Returns the new version. */
export async function withdrawApplication(
  db: Db,
  user: SessionUser,
  scope: ApplicationScope,
  version: number,
): Promise<number> {
  const { applicationId } = scope;
  await requireApplication(db, user, scope);
  return db.transaction(async (tx) => {
    const { row: before } = await loadRecord(tx, applicationId);
    if (before.status !== "draft" && before.status !== "submitted") assertOpen(before.status);
    if (before.version !== version) throw new ConflictError();
    await tx
      .update(fundApplications)
      .set({ status: "withdrawn", version: version + 1, updatedAt: new Date() })
      .where(eq(fundApplications.id, applicationId));
    await recordAudit(tx, {
      user,
      action: "fund_application.withdraw",
      entityType: "fund_application",
      entityId: applicationId,
      before: { status: before.status, version },
      after: { status: "withdrawn", version: version + 1 },
    });
    return version + 1;
  });
}
