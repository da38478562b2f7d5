/**
 * The reads of the first page for each role (issue 19) and of the main menu: what the user's roles
 * are, the draft agreements with their checklist, the year's measurement progress, the applicant's
 * own applications and the frame left in the funds the user administers. Each is one query (the
 * drafts' checklist a fixed set more), scoped to the user, whatever the number of plans, agreements,
 * criteria or applications: joined and aggregated, never a query per plan. The lists that span the
 * sector for an administrator (revisions due, applications awaiting a decision) are ordered, cut to
 * SECTION_ROWS and counted in the query; the others are cut to SECTION_ROWS here, their totals
 * shown beside them.
 */
import { and, asc, desc, eq, gte, lte, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import {
  agreementVersions,
  agreements,
  dispositionFunds,
  focusAreas,
  fundApplications,
  fundFrames,
  fundGrantYears,
  fundGrants,
  measurements,
  organisationMemberships,
  organisations,
  planMemberships,
  plans,
  successCriteria,
  users,
} from "../../db/schema";
import {
  agreementChecklist,
  buildAgreementView,
  type ChecklistItem,
} from "~/domain/agreement-view";
import {
  dashboardRoles,
  grantReportsToShow,
  measurementProgress,
  orderSections,
  type DashboardRole,
  type MeasurementProgress,
  type RevisionDueState,
  type RoleSources,
  type Urgency,
} from "~/domain/dashboard";
import { frameOverview, type FundApplicationStatus } from "~/domain/disposition-fund";
import { todayInDenmark } from "~/domain/format";
import { pageOf, type Paged } from "~/domain/paging";
import { reportDeadlinesToShow, type ReportDeadline, type ReportingPlan } from "~/domain/reporting";
import { PLAN_ROLES, type PlanRole } from "~/domain/roles";
import type { SessionUser } from "~/domain/user";
import { listDueFollowUps, listMyActions, type DueFollowUp } from "./activity-log/index.server";
import { listFunds, type FundListItem } from "./disposition-funds.server";
import {
  listGrantReportDeadlines,
  listOverdueGrantReports,
  type GrantReportDeadlineOfFund,
  type OverdueGrantReports,
} from "./fund-reports.server";
import { ChangeCache, type Computed } from "./internal/change-cache.server";
import { loadAgreementRecords } from "./internal/agreement-records.server";
import { listPlansForUser, listPlansPage, type PlanListItem } from "./plans.server";
import {
  listReportDeadlines,
  listSectorReportDeadlines,
  type SectorReportDeadlines,
} from "./reporting.server";
import {
  listPendingRevisions,
  type PendingRevision,
  type RevisionDeadline,
} from "./revision-views.server";

/**
 * The columns of a query on `users` that tell a user's plan and fund roles (roleSourcesOf reads
 * them): getRoleSources below, and the root loader's one query (app/models/session-header.server.ts).
 */
export function roleSourceColumns(userId: number | Placeholder) {
  const membership = (role?: string) =>
    sql<boolean>`exists (select 1 from ${organisationMemberships} om
      where om.user_id = ${userId}${role ? sql` and om.role = ${role}` : sql``})`;
  return {
    planRoles: sql<string | null>`(select string_agg(distinct pm.role::text, ',')
        from ${planMemberships} pm where pm.user_id = ${userId})`,
    fundAny: membership(),
    fundManager: membership("fund_admin"),
    fundApplicant: membership("applicant"),
  };
}

type RoleSourceRow = {
  planRoles: string | null;
  fundAny: boolean;
  fundManager: boolean;
  fundApplicant: boolean;
};

export function roleSourcesOf(isAdmin: boolean, row: RoleSourceRow | undefined): RoleSources {
  if (isAdmin) {
    return { isAdmin: true, planRoles: [], fund: { any: true, manager: true, applicant: false } };
  }
  const planRoles = (row?.planRoles?.split(",") ?? []).filter((r): r is PlanRole =>
    (PLAN_ROLES as readonly string[]).includes(r),
  );
  return {
    isAdmin: false,
    planRoles,
    fund: {
      any: Boolean(row?.fundAny),
      manager: Boolean(row?.fundManager),
      applicant: Boolean(row?.fundApplicant),
    },
  };
}

/**
 * The user's plan roles and fund roles, for the menu and the first page. Administrators need no
 * query (they are every role); others one, on indexed columns.
 */
export async function getRoleSources(db: Db, user: SessionUser): Promise<RoleSources> {
  if (user.isAdmin) return roleSourcesOf(true, undefined);
  const [row] = await db
    .select(roleSourceColumns(user.id))
    .from(users)
    .where(eq(users.id, user.id));
  return roleSourcesOf(false, row);
}

export interface DraftChecklist {
  planId: number;
  planName: string;
  agreementId: number;
  focusArea: string;
  /** The checklist's items that are not done yet, in the checklist's order. */
  missing: ChecklistItem[];
  /** Every rule holds: it can be submitted for approval. */
  ready: boolean;
}

/**
 * The draft agreements in the plans where the user is the secretariat, each with what its
 * checklist (the agreement page's, agreementChecklist) still misses. A draft is an agreement being
 * worked on: never approved, or with a revision open; one awaiting the board is locked, so it is
 * not listed. One query for the drafts, then the fixed set that loads agreements.
 */
export async function listDraftChecklists(db: Db, user: SessionUser): Promise<DraftChecklist[]> {
  const rows = await db
    .select({ id: agreements.id })
    .from(agreements)
    .innerJoin(
      planMemberships,
      and(
        eq(planMemberships.planId, agreements.planId),
        eq(planMemberships.userId, user.id),
        eq(planMemberships.role, "secretariat"),
      ),
    )
    .where(
      sql`not exists (select 1 from agreement_versions v
            where v.agreement_id = ${agreements.id} and v.status = 'proposed')
          and (not exists (select 1 from agreement_versions v
                 where v.agreement_id = ${agreements.id} and v.status = 'approved')
               or exists (select 1 from revisions r
                 where r.agreement_id = ${agreements.id} and r.status = 'open'))`,
    );
  const records = await loadAgreementRecords(
    db,
    rows.map((r) => r.id),
  );
  return records
    .map((record) => {
      const checklist = agreementChecklist(buildAgreementView(record));
      return {
        planId: record.planId,
        planName: record.plan.name,
        agreementId: record.id,
        focusArea: record.focusArea.name,
        missing: checklist.filter((i) => !i.ok),
        ready: checklist.every((i) => !i.rule || i.ok),
      };
    })
    .sort(
      (a, b) =>
        a.planName.localeCompare(b.planName, "da") || a.focusArea.localeCompare(b.focusArea, "da"),
    );
}

/**
 * Per agreement in the plans where the user reports, how many of the criteria to measure in
 * `year` have a measurement (agreements whose validity touches the year). One query.
 */
export async function listMeasurementProgress(
  db: Db,
  user: SessionUser,
  year: number,
): Promise<MeasurementProgress[]> {
  const rows = await db
    .select({
      planId: plans.id,
      planName: plans.name,
      agreementId: agreements.id,
      focusArea: focusAreas.name,
      criterionId: successCriteria.id,
      retiredAt: successCriteria.retiredAt,
      measured: sql<boolean>`${measurements.id} is not null`,
    })
    .from(agreements)
    .innerJoin(plans, eq(plans.id, agreements.planId))
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .innerJoin(
      planMemberships,
      and(
        eq(planMemberships.planId, plans.id),
        eq(planMemberships.userId, user.id),
        eq(planMemberships.role, "reporter"),
      ),
    )
    .leftJoin(successCriteria, eq(successCriteria.agreementId, agreements.id))
    .leftJoin(
      measurements,
      and(eq(measurements.criterionId, successCriteria.id), eq(measurements.year, year)),
    )
    .where(
      and(lte(agreements.validFrom, `${year}-12-31`), gte(agreements.validTo, `${year}-01-01`)),
    )
    .orderBy(asc(plans.name), asc(focusAreas.position), asc(agreements.id));
  return measurementProgress(
    rows.map((r) => ({ ...r, measured: Boolean(r.measured) })),
    year,
  );
}

export interface OwnApplication {
  id: number;
  fundId: number;
  fundName: string;
  title: string;
  estateName: string;
  status: FundApplicationStatus;
  startYear: number;
  endYear: number;
}

const estate = alias(organisations, "estate");

/**
 * The applications of the estates the user applies for (applicant memberships), newest first,
 * those still being written or awaiting a decision before the decided ones. One query.
 */
export async function listOwnApplications(db: Db, user: SessionUser): Promise<OwnApplication[]> {
  return db
    .select({
      id: fundApplications.id,
      fundId: fundApplications.fundId,
      fundName: dispositionFunds.name,
      title: fundApplications.title,
      estateName: estate.name,
      status: fundApplications.status,
      startYear: fundApplications.startYear,
      endYear: fundApplications.endYear,
    })
    .from(fundApplications)
    .innerJoin(dispositionFunds, eq(dispositionFunds.id, fundApplications.fundId))
    .innerJoin(estate, eq(estate.id, fundApplications.estateId))
    .where(
      sql`exists (select 1 from ${organisationMemberships} m where m.user_id = ${user.id}
        and m.role = 'applicant' and m.organisation_id = ${dispositionFunds.organisationId}
        and m.estate_id = ${fundApplications.estateId})`,
    )
    .orderBy(
      sql`${fundApplications.status} in ('draft', 'submitted') desc`,
      desc(fundApplications.createdAt),
      desc(fundApplications.id),
    );
}

export interface FundFrameLeft {
  fundId: number;
  fundName: string;
  year: number;
  /** The year's frame; null when none is set. */
  frame: number | null;
  committed: number;
  /** Frame − committed; null without a frame. */
  remaining: number | null;
}

/** The funds' frames a section shows (the first SECTION_ROWS by name), and how many funds in all. */
export interface FramesLeft {
  rows: FundFrameLeft[];
  total: number;
}

/**
 * This year's frame, what grants commit of it and what is left, per fund the user administers
 * (administrators: every fund), by the fund's name; the first SECTION_ROWS, with the count. One
 * query.
 */
export async function listFramesLeft(db: Db, user: SessionUser, year: number): Promise<FramesLeft> {
  // What the year's grants commit, summed per fund in one pass over the year's grant years (a
  // subquery per fund read every grant year once per fund: 51 funds × 3,000 rows nationally).
  const committedByFund = db
    .select({
      fundId: fundGrants.fundId,
      committed: sql<string>`sum(${fundGrantYears.amount})`.as("committed"),
    })
    .from(fundGrantYears)
    .innerJoin(fundGrants, eq(fundGrants.id, fundGrantYears.grantId))
    .where(eq(fundGrantYears.year, year))
    .groupBy(fundGrants.fundId)
    .as("committed_by_fund");
  const rows = await db
    .select({
      fundId: dispositionFunds.id,
      fundName: dispositionFunds.name,
      frame: fundFrames.amount,
      committed: sql<number>`coalesce(${committedByFund.committed}, 0)::bigint`.mapWith(Number),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(dispositionFunds)
    .leftJoin(
      fundFrames,
      and(eq(fundFrames.fundId, dispositionFunds.id), eq(fundFrames.year, year)),
    )
    .leftJoin(committedByFund, eq(committedByFund.fundId, dispositionFunds.id))
    .where(
      user.isAdmin
        ? undefined
        : sql`exists (select 1 from ${organisationMemberships} m where m.user_id = ${user.id}
            and m.role = 'fund_admin' and m.organisation_id = ${dispositionFunds.organisationId})`,
    )
    .orderBy(asc(dispositionFunds.name), asc(dispositionFunds.id))
    .limit(SECTION_ROWS);
  const framesLeft = rows.map((r) => {
    // The fund pages' own arithmetic (frame − committed), for one year.
    const [row] = frameOverview(
      r.frame == null ? [] : [{ year, amount: r.frame }],
      [{ year, amount: r.committed }],
      [year],
    ).years;
    return {
      fundId: r.fundId,
      fundName: r.fundName,
      year,
      frame: row!.frame,
      committed: row!.committed,
      remaining: row!.remaining,
    };
  });
  return { rows: framesLeft, total: rows[0]?.total ?? 0 };
}

// --- the first page ---------------------------------------------------------------------------

/** The revisions a section shows (the first SECTION_ROWS), and how many there are in all. */
export interface RevisionsDue {
  rows: RevisionToShow[];
  total: number;
  overdue: number;
}

/**
 * The revisions due (revisionsToShow, computed in the query): the agreements whose next revision
 * — the current approved version's meeting date (or, lacking one, when it was recorded) plus the
 * plan's interval — is overdue or within 60 days, then those never approved; the first
 * SECTION_ROWS of them, with the totals. Administrators: every plan's; others: the plans where
 * they are the secretariat. One query; the sector's 800 agreements never leave the database.
 */
export async function listRevisionsDue(
  db: Db,
  user: SessionUser,
  today: string,
  /** A column read with the rows (a cache's change count, changesColumn): `changes`. */
  changesColumn?: SQL<number>,
): Promise<RevisionsDue & { changes: number | null }> {
  // The current approved version (at most one per agreement: a unique index says so).
  const approved = alias(agreementVersions, "approved");
  const lastApproved = sql`coalesce(${approved.meetingDate}, (${approved.decidedAt} at time zone 'UTC')::date)`;
  const deadlines = db
    .select({
      planId: plans.id,
      planName: sql<string>`${plans.name}`.as("plan_name"),
      agreementId: sql<number>`${agreements.id}`.as("agreement_id"),
      focusArea: sql<string>`${focusAreas.name}`.as("focus_area"),
      position: sql<number>`${focusAreas.position}`.as("position"),
      // Months added as date-fns's addMonths does: the 31st becomes the month's last day.
      due: sql<
        string | null
      >`(${lastApproved} + make_interval(months => ${plans.revisionIntervalMonths}))::date`.as(
        "due",
      ),
    })
    .from(agreements)
    .innerJoin(plans, eq(plans.id, agreements.planId))
    .innerJoin(focusAreas, eq(focusAreas.id, agreements.focusAreaId))
    .leftJoin(
      approved,
      and(eq(approved.agreementId, agreements.id), eq(approved.status, "approved")),
    )
    .where(
      user.isAdmin
        ? undefined
        : sql`exists (select 1 from ${planMemberships} pm where pm.plan_id = ${plans.id}
            and pm.user_id = ${user.id} and pm.role = 'secretariat')`,
    )
    .as("deadlines");
  const todayDate = sql`${today}::date`;
  const state = sql<RevisionDueState>`case when ${deadlines.due} is null then 'unapproved'
      when ${deadlines.due} < ${todayDate} then 'overdue' else 'soon' end`;
  const rows = await db
    .select({
      planId: deadlines.planId,
      planName: deadlines.planName,
      agreementId: deadlines.agreementId,
      focusArea: deadlines.focusArea,
      due: sql<string | null>`to_char(${deadlines.due}, 'YYYY-MM-DD')`,
      state,
      total: sql<number>`count(*) over ()`.mapWith(Number),
      overdue: sql<number>`count(*) filter (where ${deadlines.due} < ${todayDate}) over ()`.mapWith(
        Number,
      ),
      changes: changesColumn ?? sql<null>`null`,
    })
    .from(deadlines)
    .where(sql`${deadlines.due} is null or ${deadlines.due} <= ${todayDate} + 60`)
    .orderBy(
      sql`case when ${deadlines.due} is null then 2 when ${deadlines.due} < ${todayDate} then 0 else 1 end`,
      asc(deadlines.due),
      asc(deadlines.planName),
      asc(deadlines.position),
      asc(deadlines.agreementId),
    )
    .limit(SECTION_ROWS);
  return {
    rows: rows.map(({ total: _total, overdue: _overdue, changes: _changes, ...r }) => r),
    total: rows[0]?.total ?? 0,
    overdue: rows[0]?.overdue ?? 0,
    changes: rows[0]?.changes ?? null,
  };
}

type RevisionToShow = Omit<RevisionDeadline, "lastApprovedAt"> & { state: RevisionDueState };
/** The applications awaiting a decision a section shows (the oldest first), and how many in all. */
export interface AwaitingDecision {
  rows: {
    id: number;
    fundId: number;
    fundName: string;
    title: string;
    estateName: string;
    submittedAt: Date | null;
    assessed: boolean;
  }[];
  total: number;
  unassessed: number;
}

/**
 * The submitted applications awaiting the user's fund administration (administrators: every
 * fund's), the SECTION_ROWS submitted first, with how many there are and how many are not
 * assessed yet. One query.
 */
export async function listAwaitingDecision(db: Db, user: SessionUser): Promise<AwaitingDecision> {
  const rows = await db
    .select({
      id: fundApplications.id,
      fundId: fundApplications.fundId,
      fundName: dispositionFunds.name,
      title: fundApplications.title,
      estateName: estate.name,
      submittedAt: fundApplications.submittedAt,
      assessed: sql<boolean>`${fundApplications.assessedAt} is not null`,
      total: sql<number>`count(*) over ()`.mapWith(Number),
      unassessed:
        sql<number>`count(*) filter (where ${fundApplications.assessedAt} is null) over ()`.mapWith(
          Number,
        ),
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
    .orderBy(asc(fundApplications.submittedAt), asc(fundApplications.id))
    .limit(SECTION_ROWS);
  return {
    rows: rows.map(({ total: _total, unassessed: _unassessed, ...r }) => ({
      ...r,
      assessed: Boolean(r.assessed),
    })),
    total: rows[0]?.total ?? 0,
    unassessed: rows[0]?.unassessed ?? 0,
  };
}

/**
 * The most rows a list of a section shows (the most urgent first); the section's totals count
 * them all. An administrator's lists span the whole sector (800 revisions, 200 reports, 250
 * applications nationally): the page shows where to start, and counts the rest.
 */
export const SECTION_ROWS = 15;
const firstRows = <T>(items: readonly T[]): T[] => items.slice(0, SECTION_ROWS);

/** How many revisions and reports a section's lists hold in all (before SECTION_ROWS). */
export interface DeadlineTotals {
  revisions: number;
  overdueRevisions: number;
  reports: number;
  /** The reports not yet final. */
  reportsDue: number;
}

/** One section of the first page per role, with what it counts as urgent. */
export type DashboardSection = { urgency: Urgency } & (
  | {
      role: "admin";
      revisions: RevisionToShow[];
      reports: ReportDeadline[];
      totals: DeadlineTotals;
    }
  | {
      role: "secretariat";
      revisions: RevisionToShow[];
      drafts: DraftChecklist[];
      reports: ReportDeadline[];
      totals: DeadlineTotals & { drafts: number };
    }
  | { role: "board"; pending: PendingRevision[]; totals: { pending: number } }
  | {
      role: "reporter";
      year: number;
      progress: MeasurementProgress[];
      reports: ReportDeadline[];
    }
  | {
      role: "fund_admin";
      year: number;
      awaiting: (Omit<AwaitingDecision["rows"][number], "submittedAt"> & {
        submittedOn: string | null;
      })[];
      frames: FundFrameLeft[];
      overdueReports: GrantReportDeadlineOfFund[];
      totals: { awaiting: number; unassessed: number; frames: number; overdueReports: number };
    }
  | {
      role: "applicant";
      funds: { id: number; name: string }[];
      applications: OwnApplication[];
      grantReports: GrantReportDeadlineOfFund[];
    }
  | { role: "viewer"; plans: PlanListItem[] }
);

export interface Dashboard {
  /** The page of the user's plans shown in "Dine helhedsplaner" (administrators: of all plans). */
  plans: PlanListItem[];
  planPage: { page: number; pageCount: number; total: number };
  /** The user's roles on their plans (administrators: none; they are every role). */
  planRoles: PlanRole[];
  roles: DashboardRole[];
  /** Most urgent first. */
  sections: DashboardSection[];
  dueFollowUps: DueFollowUp[];
  myActionCount: number;
}

const none = <T>(): Promise<T[]> => Promise.resolve([]);
const count = (items: readonly unknown[]) => items.length;
const overdue = (items: readonly { state: string }[]) =>
  items.filter((i) => i.state === "overdue").length;
const reportsOpen = (reports: readonly ReportDeadline[]) =>
  reports.filter((r) => r.reportStatus !== "final").length;
const deadlineTotals = (
  revisions: RevisionsDue,
  reports: readonly ReportDeadline[],
): DeadlineTotals => ({
  revisions: revisions.total,
  overdueRevisions: revisions.overdue,
  reports: reports.length,
  reportsDue: reportsOpen(reports),
});
const noSectorReports: SectorReportDeadlines = { rows: [], total: 0, open: 0, overdue: 0 };

/**
 * An administrator's sector-wide reads of the first page: the page of every plan and the lists
 * that span the sector. They change only when someone writes, so they are kept in process while
 * none of the tables they read has changed (adminSectorCache).
 */
interface AdminSector {
  planPage: Paged<PlanListItem>;
  revisions: RevisionsDue;
  sectorReports: SectorReportDeadlines;
  overdueGrants: OverdueGrantReports;
  pending: PendingRevision[];
  awaiting: AwaitingDecision;
  frames: FramesLeft;
}

/**
 * adminSector's results per administrator (the plan list joins the user's own memberships), day
 * and page of the plan list.
 */
export const adminSectorCache = new ChangeCache<AdminSector>(
  "admin_dashboard",
  [
    "agreement_versions",
    "agreements",
    "disposition_funds",
    "focus_areas",
    "fund_applications",
    "fund_frames",
    "fund_grant_years",
    "fund_grants",
    "fund_reports",
    "funding_rounds",
    "organisations",
    "plan_memberships",
    "plans",
    "progress_reports",
  ],
  64,
);

/**
 * adminSector computed: the revisions due first, with the tables' change count in the same
 * statement, then the rest (all after the count, so none is older than it). Seven queries.
 * Exported for the tests, which compare its tables with the cache's.
 */
export async function computeAdminSector(
  db: Db,
  user: SessionUser,
  today: string,
  page: number,
): Promise<Computed<AdminSector>> {
  const thisYear = Number(today.slice(0, 4));
  const { changes, ...revisions } = await listRevisionsDue(
    db,
    user,
    today,
    adminSectorCache.changesColumn(),
  );
  const [planPage, sectorReports, overdueGrants, pending, awaiting, frames] = await Promise.all([
    listPlansPage(db, user, page),
    listSectorReportDeadlines(db, thisYear - 1, today, SECTION_ROWS),
    listOverdueGrantReports(db, user, today, SECTION_ROWS),
    listPendingRevisions(db, user),
    listAwaitingDecision(db, user),
    listFramesLeft(db, user, thisYear),
  ]);
  return {
    value: { planPage, revisions, sectorReports, overdueGrants, pending, awaiting, frames },
    changes,
  };
}

/** An administrator's sector-wide reads: one query while nothing they read has changed. */
function adminSector(db: Db, user: SessionUser, today: string, page: number) {
  return adminSectorCache.get(db, `${user.id}|${today}|${page}`, () =>
    computeAdminSector(db, user, today, page),
  );
}

/**
 * Everything the first page shows for the user's roles. Two rounds: the user's plans and roles,
 * then only the reads their roles need, each one query (the drafts' checklist a fixed set), so the
 * count depends on the roles, never on the number of plans, agreements or applications. The plan
 * list is shown `page` by page (PAGE_SIZE): administrators, who see every plan, read only the
 * page shown; others read their memberships, which decide their sections. An administrator's
 * sector-wide reads are kept while nothing they read has changed (adminSectorCache): then the
 * page reads the change count and the administrator's own follow-ups and actions.
 */
export async function getDashboard(
  db: Db,
  user: SessionUser,
  today: string,
  page = 1,
): Promise<Dashboard> {
  const thisYear = Number(today.slice(0, 4));
  // The year whose figures are being gathered: until the summer's report deadline, last year's
  // (the report on it is due); after it, this year's (its report is due next summer).
  const reportYear = today.slice(5) > "06-30" ? thisYear : thisYear - 1;
  // The report whose deadline the lists show: on last calendar year (reportDeadlinesToShow), due
  // in this one. Its status is read for that year, whatever year the figures are gathered for.
  const deadlineYear = thisYear - 1;
  const [plans, sector, sources] = await Promise.all([
    user.isAdmin ? Promise.resolve<PlanListItem[]>([]) : listPlansForUser(db, user),
    user.isAdmin ? adminSector(db, user, today, page) : Promise.resolve(null),
    getRoleSources(db, user),
  ]);
  const planPage = sector?.planPage ?? pageOf(plans, page);
  const hasPlans = planPage.total > 0;
  const planRoles = [...new Set(plans.flatMap((p) => (p.role === "admin" ? [] : [p.role])))];
  const roles = dashboardRoles({ ...sources, planRoles });
  const has = (role: DashboardRole) => roles.includes(role);
  const withRole = (...wanted: string[]) =>
    new Set(plans.filter((p) => wanted.includes(p.role)).map((p) => p.id));

  // An administrator's lists span the sector: their reports and overdue grant reports are dated,
  // ordered, cut and counted in the query. Others' lists are their own plans' and grants', shaped
  // here (an applicant's grant reports are listed whole, so a fund administrator who also applies
  // takes the overdue ones from that list: one query, as before).
  const sectorReportsWanted = has("admin");
  const overdueGrantsInQuery = has("fund_admin") && !has("applicant");
  const [
    revisions,
    reportingPlans,
    sectorReports,
    overdueGrants,
    drafts,
    pending,
    progress,
    awaiting,
    frames,
    grantDeadlines,
    own,
    funds,
    dueFollowUps,
    mine,
  ] = await Promise.all([
    sector
      ? sector.revisions
      : has("admin") || has("secretariat")
        ? listRevisionsDue(db, user, today)
        : Promise.resolve<RevisionsDue>({ rows: [], total: 0, overdue: 0 }),
    !sectorReportsWanted && (has("secretariat") || has("reporter"))
      ? listReportDeadlines(db, user, deadlineYear)
      : none<ReportingPlan>(),
    sector
      ? sector.sectorReports
      : sectorReportsWanted
        ? listSectorReportDeadlines(db, deadlineYear, today, SECTION_ROWS)
        : Promise.resolve(noSectorReports),
    sector
      ? sector.overdueGrants
      : overdueGrantsInQuery
        ? listOverdueGrantReports(db, user, today, SECTION_ROWS)
        : Promise.resolve<OverdueGrantReports | null>(null),
    has("secretariat") ? listDraftChecklists(db, user) : none<DraftChecklist>(),
    sector
      ? sector.pending
      : has("board")
        ? listPendingRevisions(db, user)
        : none<PendingRevision>(),
    has("reporter") ? listMeasurementProgress(db, user, reportYear) : none<MeasurementProgress>(),
    sector
      ? sector.awaiting
      : has("fund_admin")
        ? listAwaitingDecision(db, user)
        : Promise.resolve<AwaitingDecision>({ rows: [], total: 0, unassessed: 0 }),
    sector
      ? sector.frames
      : has("fund_admin")
        ? listFramesLeft(db, user, thisYear)
        : Promise.resolve<FramesLeft>({ rows: [], total: 0 }),
    has("applicant")
      ? listGrantReportDeadlines(db, user, today, { toShow: true })
      : none<GrantReportDeadlineOfFund>(),
    has("applicant") ? listOwnApplications(db, user) : none<OwnApplication>(),
    has("applicant") ? listFunds(db, user).then((l) => l.funds) : none<FundListItem>(),
    hasPlans ? listDueFollowUps(db, user, { until: today }) : none<DueFollowUp>(),
    hasPlans
      ? listMyActions(db, user).then((m) => m.parties.reduce((n, g) => n + g.actions.length, 0))
      : Promise.resolve(0),
  ]);

  const reports = reportDeadlinesToShow(reportingPlans, today);
  const grantReports = grantReportsToShow(grantDeadlines, today);
  const sections: DashboardSection[] = [];
  for (const role of roles) {
    if (role === "admin") {
      sections.push({
        role,
        revisions: revisions.rows,
        reports: sectorReports.rows,
        totals: {
          revisions: revisions.total,
          overdueRevisions: revisions.overdue,
          reports: sectorReports.total,
          reportsDue: sectorReports.open,
        },
        urgency: {
          overdue: revisions.overdue + sectorReports.overdue,
          open: revisions.total + sectorReports.open,
        },
      });
    } else if (role === "secretariat") {
      const mineOnly = withRole("secretariat");
      // listRevisionsDue reads a non-administrator's secretariat plans only.
      const ownReports = reports.filter((r) => mineOnly.has(r.planId));
      sections.push({
        role,
        revisions: revisions.rows,
        drafts: firstRows(drafts),
        reports: firstRows(ownReports),
        totals: { ...deadlineTotals(revisions, ownReports), drafts: drafts.length },
        urgency: {
          overdue: revisions.overdue + overdue(ownReports),
          open: revisions.total + count(drafts) + reportsOpen(ownReports),
        },
      });
    } else if (role === "board") {
      // listPendingRevisions also shows the secretariat its proposals; this section is the board's.
      // Administrators are the board of every plan; others of the plans where they are.
      const board = user.isAdmin ? null : withRole("board");
      const own = board ? pending.filter((p) => board.has(p.planId)) : pending;
      sections.push({
        role,
        pending: firstRows(own),
        totals: { pending: own.length },
        urgency: { overdue: 0, open: count(own) },
      });
    } else if (role === "reporter") {
      const reporting = withRole("reporter");
      const ownReports = reports.filter((r) => reporting.has(r.planId));
      sections.push({
        role,
        year: reportYear,
        progress,
        reports: ownReports,
        urgency: {
          overdue: overdue(ownReports),
          open: progress.filter((p) => p.entered < p.total).length + reportsOpen(ownReports),
        },
      });
    } else if (role === "fund_admin") {
      const overdueInList = overdueGrants
        ? null
        : grantDeadlines.filter((d) => !d.submitted && d.state === "overdue");
      const overdueReports = overdueGrants?.rows ?? firstRows(overdueInList!);
      const overdueCount = overdueGrants?.total ?? overdueInList!.length;
      sections.push({
        role,
        year: thisYear,
        awaiting: awaiting.rows.map(({ submittedAt, ...a }) => ({
          ...a,
          submittedOn: submittedAt ? todayInDenmark(submittedAt) : null,
        })),
        frames: frames.rows,
        overdueReports,
        totals: {
          awaiting: awaiting.total,
          unassessed: awaiting.unassessed,
          frames: frames.total,
          overdueReports: overdueCount,
        },
        urgency: { overdue: overdueCount, open: awaiting.total },
      });
    } else if (role === "applicant") {
      const applying = funds.filter((f) => f.role === "applicant");
      sections.push({
        role,
        funds: applying.map((f) => ({ id: f.id, name: f.name })),
        applications: own,
        grantReports,
        urgency: {
          overdue: grantReports.filter((r) => !r.submitted && r.state === "overdue").length,
          open:
            own.filter((a) => a.status === "draft").length +
            grantReports.filter((r) => !r.submitted).length,
        },
      });
    } else {
      const reading = plans.filter((p) => p.role === "viewer");
      sections.push({ role, plans: reading, urgency: { overdue: 0, open: 0 } });
    }
  }
  return {
    plans: planPage.items,
    planPage: { page: planPage.page, pageCount: planPage.pageCount, total: planPage.total },
    planRoles,
    roles,
    sections: orderSections(sections),
    dueFollowUps,
    myActionCount: mine,
  };
}
