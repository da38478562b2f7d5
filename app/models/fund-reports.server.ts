/**
 * The dispositionsfond's grants and their yearly reports of spending and activities (DESIGN.md
 * R7): the deadlines across the grants a user can see, and the report of one grant year, saved as
 * a draft and then submitted (a submitted report never changes: enforced by the database).
 * Access as in disposition-funds.server.ts: fund administrators for their fund's grants,
 * applicants for their estate's, administrators for all; others NotFoundError.
 */
import { and, asc, eq, lt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import {
  dispositionFunds,
  fundApplications,
  fundGrantYears,
  fundGrants,
  fundReports,
  organisationMemberships,
  organisations,
  users,
} from "../../db/schema";
import {
  compareGrantReportDeadlines,
  fundReportIssues,
  grantReportDeadlines,
  hasYearStarted,
  ruleIssuesToFieldErrors,
  type FundReportStatus,
  type FundReportValues,
  type FundRole,
  type GrantReportDeadline,
} from "~/domain/disposition-fund";
import { todayInDenmark } from "~/domain/format";
import { reportDeadline } from "~/domain/reporting";
import { deadlineState, type DeadlineState } from "~/domain/revision";
import { isRichTextEmpty, type RichText } from "~/domain/rich-text";
import type { SessionUser } from "~/domain/user";
import { recordAudit } from "./audit.server";
import {
  ConflictError,
  FieldValidationError,
  isUniqueViolation,
  LockedError,
  NotFoundError,
} from "./errors.server";
import { grantEstate, joinGrantYears, selectGrantYearRows } from "./internal/deadline-rows.server";
import { danishOrder, reportDeadlineSql } from "./internal/deadline-sql.server";
import {
  assertFundRole,
  estateScope,
  fundRoleFor,
  membershipJoin,
} from "./internal/fund-access.server";

export const GRANT_NOT_FOUND = "Bevillingen findes ikke, eller du har ikke adgang til den";
export const SUBMITTED_REPORT_MESSAGE = "Afrapporteringen er indsendt og kan ikke ændres.";

// --- grants and their yearly reports ---------------------------------------------------------

/** A grant report's deadline with the grant's fund (for links to the report page). */
export type GrantReportDeadlineOfFund = GrantReportDeadline & { fundId: number };

/**
 * The report deadlines of the grants the user can see (fund administrators: their funds';
 * applicants: their estates'; administrators: all), for every grant year that has ended. One
 * query. Reports still to write come first, overdue before soon. `toShow`: only those the first page
 * shows (grantReportsToShow): not submitted, or due this year; older submitted ones are left out in
 * the query, so an administrator's reads the open ones, not every grant year of the sector.
 */
export async function listGrantReportDeadlines(
  db: Db,
  user: SessionUser,
  today: string = todayInDenmark(),
  { toShow = false }: { toShow?: boolean } = {},
): Promise<GrantReportDeadlineOfFund[]> {
  const currentYear = Number(today.slice(0, 4));
  const rows = await selectGrantYearRows(
    db,
    and(
      lt(fundGrantYears.year, currentYear),
      estateScope(user, fundGrants.estateId),
      // A year's report is due in the following year: due this year = last year's grant year.
      toShow
        ? sql`(${fundReports.status} is distinct from 'submitted' or ${fundGrantYears.year} >= ${currentYear - 1})`
        : undefined,
    ),
  );
  const grants = new Map<number, { dueDay: string; years: typeof rows }>();
  for (const row of rows) {
    const entry = grants.get(row.grantId) ?? { dueDay: row.reportDueMonthDay, years: [] };
    entry.years.push(row);
    grants.set(row.grantId, entry);
  }
  return [...grants.entries()]
    .flatMap(([grantId, { dueDay, years }]) =>
      grantReportDeadlines(
        [
          {
            grantId,
            applicationId: years[0]!.applicationId,
            title: years[0]!.title,
            estateName: years[0]!.estateName,
            fundName: years[0]!.fundName,
            years: years.map((y) => ({ year: y.year, amount: y.amount })),
            reports: years
              .filter((y) => y.reportStatus != null)
              .map((y) => ({ year: y.year, status: y.reportStatus! })),
          },
        ],
        { reportDueMonthDay: dueDay },
        today,
      ).map((deadline) => ({ ...deadline, fundId: years[0]!.fundId })),
    )
    .sort(compareGrantReportDeadlines);
}

/** The first overdue grant reports (`limit` of them), and how many there are in all. */
export interface OverdueGrantReports {
  rows: GrantReportDeadlineOfFund[];
  total: number;
}

/**
 * The grant reports listGrantReportDeadlines lists as overdue and not submitted, computed in the
 * query: the same grants (the same access), the earliest due first, then by title (Danish order);
 * the first `limit` of them, with how many there are. One query; an administrator's grant years
 * never leave the database.
 */
export async function listOverdueGrantReports(
  db: Db,
  user: SessionUser,
  today: string,
  limit: number,
): Promise<OverdueGrantReports> {
  const estate = grantEstate;
  const due = reportDeadlineSql(fundGrantYears.year, dispositionFunds.reportDueMonthDay);
  const query = db
    .select({
      fundId: fundGrants.fundId,
      fundName: dispositionFunds.name,
      grantId: fundGrants.id,
      applicationId: fundGrants.applicationId,
      title: fundApplications.title,
      estateName: estate.name,
      year: fundGrantYears.year,
      amount: fundGrantYears.amount,
      due: sql<string>`to_char(${due}, 'YYYY-MM-DD')`,
      reportStatus: fundReports.status,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(fundGrantYears)
    .$dynamic();
  const rows = await joinGrantYears(query)
    .where(
      and(
        lt(fundGrantYears.year, Number(today.slice(0, 4))),
        estateScope(user, fundGrants.estateId),
        sql`${fundReports.status} is distinct from 'submitted'`,
        sql`${due} < ${today}::date`,
      ),
    )
    .orderBy(
      sql`${due}`,
      danishOrder(fundApplications.title),
      // The order listGrantReportDeadlines read them in, which its sort kept for equal titles.
      asc(fundApplications.title),
      asc(fundGrants.id),
      asc(fundGrantYears.year),
    )
    .limit(limit);
  return {
    rows: rows.map(({ total: _total, ...r }) => ({
      grantId: r.grantId,
      applicationId: r.applicationId,
      title: r.title,
      estateName: r.estateName,
      fundName: r.fundName,
      year: r.year,
      amount: r.amount,
      due: r.due,
      state: "overdue",
      reportStatus: r.reportStatus,
      submitted: false,
      fundId: r.fundId,
    })),
    total: rows[0]?.total ?? 0,
  };
}

interface GrantAccess {
  role: FundRole;
  grant: {
    id: number;
    applicationId: number;
    title: string;
    fundId: number;
    fundName: string;
    estateId: number;
    estateName: string;
    reportDueMonthDay: string;
  };
}

/** A grant's year under its fund (the fund in the page's address). */
export interface GrantYearScope {
  fundId: number;
  grantId: number;
  year: number;
}

/**
 * A grant with the user's role on it: applicants of its estate, its fund's administrators (and
 * administrators). Others, and a grant that is not the fund's, NotFoundError.
 */
async function requireGrant(
  db: Db,
  user: SessionUser,
  { fundId, grantId }: Omit<GrantYearScope, "year">,
): Promise<GrantAccess> {
  const estate = alias(organisations, "estate");
  const rows = await db
    .select({
      id: fundGrants.id,
      applicationId: fundGrants.applicationId,
      title: fundApplications.title,
      fundId: fundGrants.fundId,
      fundName: dispositionFunds.name,
      estateId: fundGrants.estateId,
      estateName: estate.name,
      reportDueMonthDay: dispositionFunds.reportDueMonthDay,
      role: organisationMemberships.role,
      estateIdOfMembership: organisationMemberships.estateId,
    })
    .from(fundGrants)
    .innerJoin(fundApplications, eq(fundApplications.id, fundGrants.applicationId))
    .innerJoin(dispositionFunds, eq(dispositionFunds.id, fundGrants.fundId))
    .innerJoin(estate, eq(estate.id, fundGrants.estateId))
    .leftJoin(organisationMemberships, membershipJoin(user))
    .where(and(eq(fundGrants.id, grantId), eq(fundGrants.fundId, fundId)));
  const first = rows[0];
  const role = assertFundRole(
    first
      ? fundRoleFor(
          user,
          rows.map((r) => ({ role: r.role, estateId: r.estateIdOfMembership })),
          first.estateId,
        )
      : null,
    undefined,
    GRANT_NOT_FOUND,
  );
  const { role: _r, estateIdOfMembership: _e, ...grant } = first!;
  return { role, grant };
}

export interface FundReportPage {
  role: FundRole;
  grant: GrantAccess["grant"] & { years: { year: number; amount: number }[] };
  year: number;
  /** The year's granted amount. */
  amount: number;
  due: string;
  state: DeadlineState;
  report: {
    id: number;
    spent: number;
    activities: RichText | null;
    status: FundReportStatus;
    submittedAt: string | null;
    submittedBy: string | null;
  } | null;
  /** The optimistic-lock version for the form; 0 while nothing is saved. */
  version: number;
  /** The year has started and the report is not submitted. */
  canEdit: boolean;
}

const reportSubmitter = alias(users, "report_submitter");

function selectReport(db: Db, grantId: number, year: number) {
  return db
    .select({
      id: fundReports.id,
      spent: fundReports.spent,
      activities: fundReports.activities,
      status: fundReports.status,
      submittedAt: fundReports.submittedAt,
      submittedBy: reportSubmitter.name,
      version: fundReports.version,
    })
    .from(fundReports)
    .leftJoin(reportSubmitter, eq(reportSubmitter.id, fundReports.submittedBy))
    .where(and(eq(fundReports.grantId, grantId), eq(fundReports.year, year)));
}

/** The yearly report on a grant year (NotFoundError for a year that is not one of the grant's). */
export async function getFundReport(
  db: Db,
  user: SessionUser,
  scope: GrantYearScope,
  today: string = todayInDenmark(),
): Promise<FundReportPage> {
  const { grantId, year } = scope;
  const { role, grant } = await requireGrant(db, user, scope);
  const [years, [report]] = await Promise.all([
    db
      .select({ year: fundGrantYears.year, amount: fundGrantYears.amount })
      .from(fundGrantYears)
      .where(eq(fundGrantYears.grantId, grantId))
      .orderBy(asc(fundGrantYears.year)),
    selectReport(db, grantId, year),
  ]);
  const grantYear = years.find((y) => y.year === year);
  if (!grantYear) throw new NotFoundError("Året er ikke et af bevillingens år");
  const due = reportDeadline(year, grant.reportDueMonthDay);
  const submitted = report?.status === "submitted";
  return {
    role,
    grant: { ...grant, years },
    year,
    amount: grantYear.amount,
    due,
    state: submitted ? "ok" : deadlineState(due, today),
    report: report
      ? {
          id: report.id,
          spent: report.spent,
          activities: (report.activities as RichText | null) ?? null,
          status: report.status,
          submittedAt: report.submittedAt?.toISOString() ?? null,
          submittedBy: report.submittedBy,
        }
      : null,
    version: report?.version ?? 0,
    canEdit: !submitted && hasYearStarted(year, today),
  };
}

/**
 * Saves (and with `submit`, submits) the report on a grant year, by an applicant of the grant's
 * estate, a fund administrator or an administrator. The year must be one of the grant's (else
 * NotFoundError) and have started; a submitted report is locked; version 0 creates the report.
 */
async function writeFundReport(
  db: Db,
  user: SessionUser,
  scope: GrantYearScope,
  version: number,
  values: FundReportValues | null,
  intent: "save" | "submit",
  today: string,
): Promise<number> {
  const { grantId, year } = scope;
  const { grant } = await requireGrant(db, user, scope);
  try {
    return await db.transaction(async (tx) => {
      const [[grantYear], [current]] = await Promise.all([
        tx
          .select({ year: fundGrantYears.year })
          .from(fundGrantYears)
          .where(and(eq(fundGrantYears.grantId, grantId), eq(fundGrantYears.year, year))),
        tx
          .select()
          .from(fundReports)
          .where(and(eq(fundReports.grantId, grantId), eq(fundReports.year, year)))
          .for("update"),
      ]);
      if (!grantYear) throw new NotFoundError("Året er ikke et af bevillingens år");
      if (!hasYearStarted(year, today)) {
        throw new LockedError(
          `Afrapporteringen for ${year} kan først skrives, når året er begyndt.`,
        );
      }
      if (current?.status === "submitted") throw new LockedError(SUBMITTED_REPORT_MESSAGE);
      if ((current?.version ?? 0) !== version) throw new ConflictError();
      const content: FundReportValues = values ?? {
        spent: current?.spent ?? 0,
        activities: (current?.activities as RichText | null) ?? { blocks: [] },
      };
      const issues = fundReportIssues(content, intent);
      if (issues.length) throw new FieldValidationError(ruleIssuesToFieldErrors(issues));
      const now = new Date();
      const after = {
        spent: content.spent,
        activities: isRichTextEmpty(content.activities) ? null : content.activities,
        ...(intent === "submit"
          ? { status: "submitted" as const, submittedAt: now, submittedBy: user.id }
          : {}),
      };
      let id: number;
      if (!current) {
        const [inserted] = await tx
          .insert(fundReports)
          .values({ grantId, year, ...after })
          .returning({ id: fundReports.id });
        id = inserted!.id;
      } else {
        id = current.id;
        await tx
          .update(fundReports)
          .set({ ...after, version: version + 1, updatedAt: now })
          .where(eq(fundReports.id, id));
      }
      await recordAudit(tx, {
        user,
        action: intent === "submit" ? "fund_report.submit" : "fund_report.save",
        entityType: "fund_report",
        entityId: id,
        before: current && {
          grantId,
          year,
          spent: current.spent,
          activities: current.activities,
          status: current.status,
        },
        after: { grantId, year, applicationId: grant.applicationId, ...after },
      });
      return version + 1;
    });
  } catch (error) {
    // Two first saves at once: the second insert hits the unique (grant, year).
    if (isUniqueViolation(error)) throw new ConflictError();
    throw error;
  }
}

/** Saves the draft report on a grant year. Returns the new version. */
export function saveFundReport(
  db: Db,
  user: SessionUser,
  scope: GrantYearScope,
  version: number,
  values: FundReportValues,
  today: string = todayInDenmark(),
): Promise<number> {
  return writeFundReport(db, user, scope, version, values, "save", today);
}

/**
 * Submits the report on a grant year, with the form's values (saved in the same transaction) or
 * as saved. Requires the activities; afterwards the report never changes. Returns the version.
 */
export function submitFundReport(
  db: Db,
  user: SessionUser,
  scope: GrantYearScope,
  version: number,
  values: FundReportValues | null = null,
  today: string = todayInDenmark(),
): Promise<number> {
  return writeFundReport(db, user, scope, version, values, "submit", today);
}
