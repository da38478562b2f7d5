/**
 * Applications to a dispositionsfond (DESIGN.md R7): drafts by an estate's applicant (or the fund
 * administration), submission against the fund's rules, withdrawal, the fund administration's
 * assessment and the organisation board's decision, which turns an approval into a grant with an
 * amount per year. Every transition is one transaction with optimistic locking (version) and an
 * audit event. A decided application is locked here (LockedError) and in the database (triggers,
 * migration 0009). Access as described in disposition-funds.server.ts.
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import {
  dispositionFunds,
  fundApplicationFunding,
  fundApplicationYears,
  fundApplications,
  fundGrantYears,
  fundGrants,
  fundReports,
  organisationMemberships,
  organisations,
  plans,
  users,
} from "../../db/schema";
import {
  applicationChecklist,
  applicationIssues,
  applicationLockMessage,
  applicationPermissions,
  applicationValuesFromRecord,
  computeApplicationTotals,
  decisionIssues,
  frameOverview,
  grantAmounts,
  grantReportDeadlines,
  isDecided,
  isFundManager,
  periodYears,
  ruleIssuesToFieldErrors,
  type ApplicationIntent,
  type ApplicationRecord,
  type ApplicationTotals,
  type ApplicationValues,
  type ChecklistItem,
  type FrameOverview,
  type FundApplicationPermissions,
  type FundApplicationStatus,
  type FundAssessmentValues,
  type FundDecisionValues,
  type FundFundingKind,
  type FundNeed,
  type FundRecommendation,
  type FundReportStatus,
  type FundRole,
  type GrantReportDeadline,
  type RuleIssue,
} from "~/domain/disposition-fund";
import { todayInDenmark } from "~/domain/format";
import { isRichTextEmpty, type RichText } from "~/domain/rich-text";
import type { SessionUser } from "~/domain/user";
import { recordAudit } from "./audit.server";
import { requireFund } from "./disposition-funds.server";
import { ConflictError, FieldValidationError, LockedError } from "./errors.server";
import {
  applicantEstateIds,
  assertFundRole,
  fundColumns,
  fundRoleFor,
  membershipJoin,
  selectCommitted,
  selectFrames,
  selectPlanOptions,
  toFundRecord,
  type FundRecord,
} from "./internal/fund-access.server";

export const APPLICATION_NOT_FOUND = "Ansøgningen findes ikke, eller du har ikke adgang til den";

const estate = alias(organisations, "estate");
const creator = alias(users, "creator");
const submitter = alias(users, "submitter");
const assessor = alias(users, "assessor");
const decider = alias(users, "decider");

/** The application, its fund and estate, and the user's memberships: one row per membership. */
function selectApplicationRows(db: Db, user: SessionUser, scope: ApplicationScope) {
  return db
    .select({
      id: fundApplications.id,
      fundId: fundApplications.fundId,
      estateId: fundApplications.estateId,
      estateName: estate.name,
      estateTenancies: estate.tenancies,
      title: fundApplications.title,
      description: fundApplications.description,
      purpose: fundApplications.purpose,
      need: fundApplications.need,
      notOrdinaryActivity: fundApplications.notOrdinaryActivity,
      startYear: fundApplications.startYear,
      endYear: fundApplications.endYear,
      tenancies: fundApplications.tenancies,
      status: fundApplications.status,
      version: fundApplications.version,
      assessment: fundApplications.assessment,
      recommendation: fundApplications.recommendation,
      assessedAt: fundApplications.assessedAt,
      assessedBy: assessor.name,
      decisionDate: fundApplications.decisionDate,
      decisionConditions: fundApplications.decisionConditions,
      decidedAt: fundApplications.decidedAt,
      decidedBy: decider.name,
      submittedAt: fundApplications.submittedAt,
      submittedBy: submitter.name,
      createdAt: fundApplications.createdAt,
      createdBy: creator.name,
      fund: fundColumns,
      membershipRole: organisationMemberships.role,
      membershipEstateId: organisationMemberships.estateId,
    })
    .from(fundApplications)
    .innerJoin(dispositionFunds, eq(dispositionFunds.id, fundApplications.fundId))
    .innerJoin(organisations, eq(organisations.id, dispositionFunds.organisationId))
    .innerJoin(estate, eq(estate.id, fundApplications.estateId))
    .leftJoin(creator, eq(creator.id, fundApplications.createdBy))
    .leftJoin(submitter, eq(submitter.id, fundApplications.submittedBy))
    .leftJoin(assessor, eq(assessor.id, fundApplications.assessedBy))
    .leftJoin(decider, eq(decider.id, fundApplications.decidedBy))
    .leftJoin(organisationMemberships, membershipJoin(user))
    .where(
      and(eq(fundApplications.id, scope.applicationId), eq(fundApplications.fundId, scope.fundId)),
    );
}

type ApplicationRow = Awaited<ReturnType<typeof selectApplicationRows>>[number];

interface ApplicationAccess {
  row: ApplicationRow;
  fund: FundRecord;
  role: FundRole;
  applicantEstateIds: number[];
}

/** An application under its fund (the fund in the page's address). */
export interface ApplicationScope {
  fundId: number;
  applicationId: number;
}

/**
 * The application with the user's role on it (one query): fund administrators of its fund,
 * applicants of its estate, administrators. Others, and an application that is not the fund's,
 * NotFoundError; a role not in `allowed` ForbiddenError.
 */
async function requireApplication(
  db: Db,
  user: SessionUser,
  scope: ApplicationScope,
  allowed?: readonly FundRole[],
): Promise<ApplicationAccess> {
  const rows = await selectApplicationRows(db, user, scope);
  const memberships = rows.map((r) => ({ role: r.membershipRole, estateId: r.membershipEstateId }));
  const role = assertFundRole(
    rows.length ? fundRoleFor(user, memberships, rows[0]!.estateId) : null,
    allowed,
    APPLICATION_NOT_FOUND,
  );
  const row = rows[0]!;
  return {
    row,
    fund: toFundRecord(row.fund),
    role,
    applicantEstateIds: role === "applicant" ? applicantEstateIds(memberships) : [],
  };
}

function selectYears(db: Db, where: SQL) {
  return db
    .select({
      applicationId: fundApplicationYears.applicationId,
      year: fundApplicationYears.year,
      requestedAmount: fundApplicationYears.requestedAmount,
      ownContribution: fundApplicationYears.ownContribution,
    })
    .from(fundApplicationYears)
    .innerJoin(fundApplications, eq(fundApplications.id, fundApplicationYears.applicationId))
    .where(where)
    .orderBy(asc(fundApplicationYears.year));
}

function selectFunding(db: Db, where: SQL) {
  return db
    .select({
      id: fundApplicationFunding.id,
      applicationId: fundApplicationFunding.applicationId,
      kind: fundApplicationFunding.kind,
      planId: fundApplicationFunding.planId,
      planName: plans.name,
      name: fundApplicationFunding.name,
      amount: fundApplicationFunding.amount,
      position: fundApplicationFunding.position,
    })
    .from(fundApplicationFunding)
    .innerJoin(fundApplications, eq(fundApplications.id, fundApplicationFunding.applicationId))
    .leftJoin(plans, eq(plans.id, fundApplicationFunding.planId))
    .where(where)
    .orderBy(asc(fundApplicationFunding.position), asc(fundApplicationFunding.id));
}

type YearRow = Awaited<ReturnType<typeof selectYears>>[number];
type FundingRow = Awaited<ReturnType<typeof selectFunding>>[number];

function toRecord(
  row: Pick<
    ApplicationRow,
    | "estateId"
    | "title"
    | "description"
    | "purpose"
    | "need"
    | "notOrdinaryActivity"
    | "startYear"
    | "endYear"
    | "tenancies"
  >,
  years: readonly YearRow[],
  funding: readonly FundingRow[],
): ApplicationRecord {
  return {
    estateId: row.estateId,
    title: row.title,
    description: (row.description as RichText | null) ?? null,
    purpose: (row.purpose as RichText | null) ?? null,
    need: row.need,
    notOrdinaryActivity: row.notOrdinaryActivity,
    startYear: row.startYear,
    endYear: row.endYear,
    tenancies: row.tenancies,
    years: years.map((y) => ({
      year: y.year,
      requestedAmount: y.requestedAmount,
      ownContribution: y.ownContribution,
    })),
    funding: funding.map((f) => ({
      kind: f.kind,
      planId: f.planId,
      name: f.name,
      amount: f.amount,
    })),
  };
}

// --- reading ----------------------------------------------------------------------------------

export interface FundApplicationListItem {
  id: number;
  title: string;
  estateId: number;
  estateName: string;
  status: FundApplicationStatus;
  need: FundNeed;
  startYear: number;
  endYear: number;
  tenancies: number | null;
  recommendation: FundRecommendation | null;
  submittedAt: string | null;
  decisionDate: string | null;
  totals: ApplicationTotals;
  checklist: ChecklistItem[];
}

export interface FundApplicationList {
  fund: FundRecord;
  role: FundRole;
  applications: FundApplicationListItem[];
}

/**
 * The fund's applications with status, computed totals and checklist: all of them for fund
 * administrators, the own estates' for applicants. Newest first. Four queries, however many.
 */
export async function listApplications(
  db: Db,
  user: SessionUser,
  fundId: number,
): Promise<FundApplicationList> {
  const { fund, role, applicantEstateIds: own } = await requireFund(db, user, fundId);
  const scope = and(
    eq(fundApplications.fundId, fundId),
    isFundManager(role) ? undefined : inArray(fundApplications.estateId, own),
  )!;
  const [rows, years, funding] = await Promise.all([
    db
      .select({
        id: fundApplications.id,
        title: fundApplications.title,
        estateId: fundApplications.estateId,
        estateName: estate.name,
        status: fundApplications.status,
        need: fundApplications.need,
        notOrdinaryActivity: fundApplications.notOrdinaryActivity,
        startYear: fundApplications.startYear,
        endYear: fundApplications.endYear,
        tenancies: fundApplications.tenancies,
        recommendation: fundApplications.recommendation,
        submittedAt: fundApplications.submittedAt,
        decisionDate: fundApplications.decisionDate,
      })
      .from(fundApplications)
      .innerJoin(estate, eq(estate.id, fundApplications.estateId))
      .where(scope)
      .orderBy(sql`${fundApplications.createdAt} desc`, sql`${fundApplications.id} desc`),
    selectYears(db, scope),
    selectFunding(db, scope),
  ]);
  const applications = rows.map((row): FundApplicationListItem => {
    const input = {
      ...row,
      years: years.filter((y) => y.applicationId === row.id),
      funding: funding.filter((f) => f.applicationId === row.id),
    };
    const { notOrdinaryActivity: _n, ...item } = row;
    return {
      ...item,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      totals: computeApplicationTotals(input),
      checklist: applicationChecklist(input, fund),
    };
  });
  return { fund, role, applications };
}

export interface FundApplicationPage {
  role: FundRole;
  permissions: FundApplicationPermissions;
  fund: FundRecord;
  estate: { id: number; name: string; tenancies: number | null };
  application: ApplicationRecord & {
    id: number;
    status: FundApplicationStatus;
    version: number;
    funding: {
      id: number;
      kind: FundFundingKind;
      planId: number | null;
      planName: string | null;
      name: string | null;
      amount: number;
    }[];
    assessment: string | null;
    recommendation: FundRecommendation | null;
    assessedAt: string | null;
    assessedBy: string | null;
    decisionDate: string | null;
    decisionConditions: string | null;
    decidedAt: string | null;
    decidedBy: string | null;
    submittedAt: string | null;
    submittedBy: string | null;
    createdAt: string;
    createdBy: string | null;
  };
  totals: ApplicationTotals;
  checklist: ChecklistItem[];
  grant: {
    id: number;
    createdAt: string;
    years: { year: number; amount: number }[];
    total: number;
    reports: { year: number; status: FundReportStatus; spent: number }[];
    /** The report deadline of each grant year that has ended. */
    deadlines: GrantReportDeadline[];
  } | null;
  /**
   * For fund administrators: the fund's frames against what is committed, over the application's
   * period (and grant years); while it awaits a decision, its requested amounts are `proposed`.
   * Null for applicants.
   */
  frames: FrameOverview | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/**
 * Everything the application page needs, in six queries (five for applicants), whatever the
 * number of years, funding rows, grant years and reports.
 */
export async function getApplication(
  db: Db,
  user: SessionUser,
  scope: ApplicationScope,
  today: string = todayInDenmark(),
): Promise<FundApplicationPage> {
  const { applicationId } = scope;
  const { row, fund, role } = await requireApplication(db, user, scope);
  const manager = isFundManager(role);
  const ofApplication = eq(fundApplications.id, applicationId);
  const [years, funding, grantRows, frames, committed] = await Promise.all([
    selectYears(db, ofApplication),
    selectFunding(db, ofApplication),
    db
      .select({
        id: fundGrants.id,
        createdAt: fundGrants.createdAt,
        year: fundGrantYears.year,
        amount: fundGrantYears.amount,
        reportStatus: fundReports.status,
        spent: fundReports.spent,
      })
      .from(fundGrants)
      .innerJoin(fundGrantYears, eq(fundGrantYears.grantId, fundGrants.id))
      .leftJoin(
        fundReports,
        and(
          eq(fundReports.grantId, fundGrantYears.grantId),
          eq(fundReports.year, fundGrantYears.year),
        ),
      )
      .where(eq(fundGrants.applicationId, applicationId))
      .orderBy(asc(fundGrantYears.year)),
    manager ? selectFrames(db, fund.id) : Promise.resolve([]),
    manager ? selectCommitted(db, fund.id) : Promise.resolve([]),
  ]);
  const record = toRecord(row, years, funding);
  const checklistInput = { ...record, funding };

  let grant: FundApplicationPage["grant"] = null;
  if (grantRows.length) {
    const grantYears = grantRows.map((g) => ({ year: g.year, amount: g.amount }));
    const reports = grantRows
      .filter((g) => g.reportStatus != null)
      .map((g) => ({ year: g.year, status: g.reportStatus!, spent: g.spent! }));
    grant = {
      id: grantRows[0]!.id,
      createdAt: grantRows[0]!.createdAt.toISOString(),
      years: grantYears,
      total: grantYears.reduce((a, g) => a + g.amount, 0),
      reports,
      deadlines: grantReportDeadlines(
        [
          {
            grantId: grantRows[0]!.id,
            applicationId,
            title: row.title,
            estateName: row.estateName,
            fundName: fund.name,
            years: grantYears,
            reports,
          },
        ],
        fund,
        today,
      ),
    };
  }

  return {
    role,
    permissions: applicationPermissions(role, row.status),
    fund,
    estate: { id: row.estateId, name: row.estateName, tenancies: row.estateTenancies },
    application: {
      ...record,
      id: row.id,
      status: row.status,
      version: row.version,
      funding: funding.map(({ applicationId: _a, position: _p, ...f }) => f),
      assessment: row.assessment,
      recommendation: row.recommendation,
      assessedAt: iso(row.assessedAt),
      assessedBy: row.assessedBy,
      decisionDate: row.decisionDate,
      decisionConditions: row.decisionConditions,
      decidedAt: iso(row.decidedAt),
      decidedBy: row.decidedBy,
      submittedAt: iso(row.submittedAt),
      submittedBy: row.submittedBy,
      createdAt: row.createdAt.toISOString(),
      createdBy: row.createdBy,
    },
    totals: computeApplicationTotals(record),
    checklist: applicationChecklist(checklistInput, fund),
    grant,
    frames: manager
      ? frameOverview(
          frames,
          committed,
          [
            ...periodYears(record.startYear, record.endYear),
            ...(grant?.years.map((g) => g.year) ?? []),
          ],
          row.status === "submitted"
            ? record.years.map((y) => ({ year: y.year, amount: y.requestedAmount }))
            : [],
        )
      : null,
  };
}

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

/** The stored application as a record (for audit before/after and submitting as saved). */
async function loadRecord(tx: Db, applicationId: number) {
  const ofApplication = eq(fundApplications.id, applicationId);
  const [[row], years, funding] = await Promise.all([
    tx.select().from(fundApplications).where(ofApplication).for("update"),
    selectYears(tx, ofApplication),
    selectFunding(tx, ofApplication),
  ]);
  if (!row) throw new ConflictError("The application no longer exists");
  return { row, record: toRecord(row, years, funding) };
}

function assertOpen(status: FundApplicationStatus): void {
  const message = applicationLockMessage(status);
  if (message) throw new LockedError(message);
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

/** Applications awaiting the user's fund administration (for the dashboard). One query. */
export async function listApplicationsAwaitingDecision(db: Db, user: SessionUser) {
  return db
    .select({
      id: fundApplications.id,
      fundId: fundApplications.fundId,
      fundName: dispositionFunds.name,
      title: fundApplications.title,
      estateName: estate.name,
      submittedAt: fundApplications.submittedAt,
      assessed: sql<boolean>`${fundApplications.assessedAt} is not null`,
    })
    .from(fundApplications)
    .innerJoin(dispositionFunds, eq(dispositionFunds.id, fundApplications.fundId))
    .innerJoin(estate, eq(estate.id, fundApplications.estateId))
    .where(
      and(
        eq(fundApplications.status, "submitted"),
        user.isAdmin
          ? undefined
          : sql`exists (select 1 from ${organisationMemberships} m where m.user_id = ${user.id}
              and m.organisation_id = ${dispositionFunds.organisationId} and m.role = 'fund_admin')`,
      ),
    )
    .orderBy(asc(fundApplications.submittedAt));
}
