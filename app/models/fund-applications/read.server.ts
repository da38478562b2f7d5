/**
 * Reading applications to a dispositionsfond: the fund's list (all for the fund administration,
 * the own estates' for applicants), one application's page with its grant and the fund's frames,
 * and the dashboard's applications awaiting a decision.
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import {
  fundApplicationYears,
  fundApplications,
  fundGrantYears,
  fundGrants,
  fundReports,
} from "../../../db/schema";
import {
  applicationChecklist,
  applicationPermissions,
  computeApplicationTotals,
  frameOverview,
  grantReportDeadlines,
  isFundManager,
  periodYears,
  type ApplicationRecord,
  type ApplicationTotals,
  type ChecklistItem,
  type FrameOverview,
  type FundApplicationPermissions,
  FUND_APPLICATION_STATUSES,
  type FundApplicationStatus,
  type FundFundingKind,
  type FundNeed,
  type FundRecommendation,
  type FundReportStatus,
  type FundRole,
  type GrantReportDeadline,
} from "~/domain/disposition-fund";
import { todayInDenmark } from "~/domain/format";
import { PAGE_SIZE, pageCount } from "~/domain/paging";
import type { SessionUser } from "~/domain/user";
import { requireFund, type FundAccess } from "../disposition-funds.server";
import { selectCommitted, selectFrames, type FundRecord } from "../internal/fund-access.server";
import {
  estate,
  requireApplication,
  selectFunding,
  selectYears,
  toRecord,
  type ApplicationScope,
} from "../internal/fund-application-rows.server";

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
    selectListRows(db, scope),
    selectYears(db, scope),
    selectFunding(db, scope),
  ]);
  return { fund, role, applications: toListItems(fund, rows, years, funding) };
}

const listColumns = {
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
};

/** The list's rows matching `where`, newest first. */
function selectListRows(db: Db, where: SQL | undefined) {
  return db
    .select(listColumns)
    .from(fundApplications)
    .innerJoin(estate, eq(estate.id, fundApplications.estateId))
    .where(where)
    .orderBy(sql`${fundApplications.createdAt} desc`, sql`${fundApplications.id} desc`)
    .$dynamic();
}

type ListRow = Awaited<ReturnType<typeof selectListRows>>[number];

/** List items from the rows, their years and funding (grouped once, not searched per row). */
function toListItems(
  fund: FundRecord,
  rows: ListRow[],
  years: Awaited<ReturnType<typeof selectYears>>,
  funding: Awaited<ReturnType<typeof selectFunding>>,
): FundApplicationListItem[] {
  const group = <T extends { applicationId: number }>(items: T[]) => {
    const by = new Map<number, T[]>();
    for (const item of items) {
      const list = by.get(item.applicationId);
      if (list) list.push(item);
      else by.set(item.applicationId, [item]);
    }
    return by;
  };
  const yearsOf = group(years);
  const fundingOf = group(funding);
  return rows.map((row): FundApplicationListItem => {
    const input = {
      ...row,
      years: yearsOf.get(row.id) ?? [],
      funding: fundingOf.get(row.id) ?? [],
    };
    const { notOrdinaryActivity: _n, ...item } = row;
    return {
      ...item,
      submittedAt: row.submittedAt?.toISOString() ?? null,
      totals: computeApplicationTotals(input),
      checklist: applicationChecklist(input, fund),
    };
  });
}

export interface FundApplicationListPage extends FundApplicationList {
  /** Applications per status in the user's scope (all statuses, whatever the filter). */
  counts: Record<FundApplicationStatus, number>;
  /** Applications in the user's scope, whatever the filter. */
  total: number;
  page: number;
  pageCount: number;
}

/**
 * One page (PAGE_SIZE) of the fund's applications as listApplications gives them, newest first,
 * only those with `status` when given, with the number per status. Five queries in two rounds
 * (the access check, then the counts and the page's rows, then the page's years and funding),
 * however many applications the fund has.
 */
export async function listApplicationsPage(
  db: Db,
  user: SessionUser,
  fundId: number,
  { status = null, page = 1 }: { status?: FundApplicationStatus | null; page?: number } = {},
): Promise<FundApplicationListPage> {
  const access = await requireFund(db, user, fundId);
  const { fund, role } = access;
  const { scope, counts, total, shown, pages } = await countPage(db, access, fundId, status, page);
  const rows = await selectListRows(
    db,
    and(scope, status ? eq(fundApplications.status, status) : undefined),
  )
    .limit(PAGE_SIZE)
    .offset((shown - 1) * PAGE_SIZE);
  const ids = rows.map((r) => r.id);
  const [years, funding] = ids.length
    ? await Promise.all([
        selectYears(db, inArray(fundApplications.id, ids)),
        selectFunding(db, inArray(fundApplications.id, ids)),
      ])
    : [[], []];
  return {
    fund,
    role,
    applications: toListItems(fund, rows, years, funding),
    counts,
    total,
    page: shown,
    pageCount: pages,
  };
}

/** The user's applications on the fund, counted per status, and the page to show. One query. */
async function countPage(
  db: Db,
  { role, applicantEstateIds: own }: FundAccess,
  fundId: number,
  status: FundApplicationStatus | null,
  page: number,
) {
  const scope = and(
    eq(fundApplications.fundId, fundId),
    isFundManager(role) ? undefined : inArray(fundApplications.estateId, own),
  )!;
  const byStatus = await db
    .select({ status: fundApplications.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(fundApplications)
    .where(scope)
    .groupBy(fundApplications.status);
  const counts = Object.fromEntries(
    FUND_APPLICATION_STATUSES.map((s) => [s, byStatus.find((r) => r.status === s)?.n ?? 0]),
  ) as Record<FundApplicationStatus, number>;
  const total = byStatus.reduce((sum, r) => sum + r.n, 0);
  const pages = pageCount(status ? counts[status] : total);
  const shown = Math.min(Math.max(1, page), pages);
  return { scope, counts, total, shown, pages };
}

/** A row of the fund page's list: what it shows, with the amount requested over all years. */
export interface FundApplicationSummary {
  id: number;
  title: string;
  estateName: string;
  status: FundApplicationStatus;
  startYear: number;
  endYear: number;
  /** The amounts requested, summed over the years (computeApplicationTotals' `requested`). */
  requested: number;
  submittedAt: string | null;
}

export interface FundApplicationSummaryPage {
  applications: FundApplicationSummary[];
  counts: Record<FundApplicationStatus, number>;
  total: number;
  page: number;
  pageCount: number;
}

/**
 * listApplicationsPage for the fund page, which shows a few columns per application: the same
 * applications in the same order, with the amount requested summed in SQL instead of the full
 * budget, funding and checklist. `access` is requireFund's for the user (checked by the caller).
 * Two queries.
 */
export async function listApplicationSummaryPage(
  db: Db,
  access: FundAccess,
  fundId: number,
  { status = null, page = 1 }: { status?: FundApplicationStatus | null; page?: number } = {},
): Promise<FundApplicationSummaryPage> {
  const { scope, counts, total, shown, pages } = await countPage(db, access, fundId, status, page);
  const rows = await db
    .select({
      id: fundApplications.id,
      title: fundApplications.title,
      estateName: estate.name,
      status: fundApplications.status,
      startYear: fundApplications.startYear,
      endYear: fundApplications.endYear,
      requested: sql<number>`(select coalesce(sum(${fundApplicationYears.requestedAmount}), 0)
        from ${fundApplicationYears}
        where ${fundApplicationYears.applicationId} = ${fundApplications.id})`.mapWith(Number),
      submittedAt: fundApplications.submittedAt,
    })
    .from(fundApplications)
    .innerJoin(estate, eq(estate.id, fundApplications.estateId))
    .where(and(scope, status ? eq(fundApplications.status, status) : undefined))
    .orderBy(sql`${fundApplications.createdAt} desc`, sql`${fundApplications.id} desc`)
    .limit(PAGE_SIZE)
    .offset((shown - 1) * PAGE_SIZE);
  return {
    applications: rows.map((row) => ({
      ...row,
      submittedAt: row.submittedAt?.toISOString() ?? null,
    })),
    counts,
    total,
    page: shown,
    pageCount: pages,
  };
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
