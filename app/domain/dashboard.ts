/**
 * The first page for each role (issue 19): which sections a user gets, what each counts as urgent,
 * the order they come in (most urgent first), the measurement progress per agreement, and the main
 * menu's links for the user's roles. Pure and client-safe; the model (dashboard.server.ts) reads,
 * this shapes.
 */
import type { GrantReportDeadline } from "./disposition-fund";
import { isShownInYear } from "./retired";
import { deadlineState } from "./revision";
import type { PlanRole } from "./roles";

/** A section of the first page: one per role the user has. */
export const DASHBOARD_ROLES = [
  "admin",
  "secretariat",
  "board",
  "reporter",
  "fund_admin",
  "applicant",
  "viewer",
] as const;
export type DashboardRole = (typeof DASHBOARD_ROLES)[number];

export const dashboardRoleTitles: Record<DashboardRole, string> = {
  admin: "Administration",
  secretariat: "Sekretariatet",
  board: "Bestyrelsen",
  reporter: "Afrapportering",
  fund_admin: "Fondsadministration",
  applicant: "Ansøgninger til dispositionsfonden",
  viewer: "Helhedsplaner, du kan læse",
};

export interface RoleSources {
  isAdmin: boolean;
  /** The user's roles on plans (memberships), each once. */
  planRoles: readonly PlanRole[];
  /** The user's roles on housing organisations' funds. */
  fund: { any: boolean; manager: boolean; applicant: boolean };
}

/**
 * The sections the user gets. Administrators act as every role everywhere, so they get their own
 * section (the plans' deadlines and the administration's tools), the board's decisions and the
 * fund administration, not every member's to-do list on every plan.
 */
export function dashboardRoles({ isAdmin, planRoles, fund }: RoleSources): DashboardRole[] {
  if (isAdmin) return ["admin", "board", "fund_admin"];
  const roles = new Set<DashboardRole>(planRoles);
  if (fund.manager) roles.add("fund_admin");
  if (fund.applicant) roles.add("applicant");
  return DASHBOARD_ROLES.filter((r) => roles.has(r));
}

/** How pressing a section is: things past their deadline, and things waiting for the user. */
export interface Urgency {
  overdue: number;
  open: number;
}

/**
 * Most urgent first: sections with something overdue (the most overdue first), then those with
 * something to do, then the quiet ones; within each, the fixed order of DASHBOARD_ROLES.
 */
export function orderSections<T extends { role: DashboardRole; urgency: Urgency }>(
  sections: readonly T[],
): T[] {
  const tier = (u: Urgency) => (u.overdue > 0 ? 0 : u.open > 0 ? 1 : 2);
  const rank = (r: DashboardRole) => DASHBOARD_ROLES.indexOf(r);
  return [...sections].sort(
    (a, b) =>
      tier(a.urgency) - tier(b.urgency) ||
      b.urgency.overdue - a.urgency.overdue ||
      rank(a.role) - rank(b.role),
  );
}

// --- revisions ------------------------------------------------------------------------------

export type RevisionDueState = "overdue" | "soon" | "unapproved";
const dueOrder: Record<RevisionDueState, number> = { overdue: 0, soon: 1, unapproved: 2 };

/**
 * The revisions to show: overdue first, then due soon (earliest first), then the agreements never
 * approved; those due later than 60 days are left out.
 */
export function revisionsToShow<T extends { due: string | null }>(
  deadlines: readonly T[],
  today: string,
): (T & { state: RevisionDueState })[] {
  return deadlines
    .flatMap((d): (T & { state: RevisionDueState })[] => {
      if (!d.due) return [{ ...d, state: "unapproved" }];
      const state = deadlineState(d.due, today);
      return state === "ok" ? [] : [{ ...d, state }];
    })
    .sort(
      (a, b) => dueOrder[a.state] - dueOrder[b.state] || (a.due ?? "").localeCompare(b.due ?? ""),
    );
}

// --- grant reports ----------------------------------------------------------------------------

/**
 * The grant reports still to write (overdue first), and those already submitted that were due this
 * year, so the estate sees this year's report is in; older submitted ones drop off.
 */
export function grantReportsToShow<T extends Pick<GrantReportDeadline, "submitted" | "due">>(
  deadlines: readonly T[],
  today: string,
): T[] {
  const startOfYear = `${today.slice(0, 4)}-01-01`;
  return deadlines.filter((d) => !d.submitted || d.due >= startOfYear);
}

// --- measurements -----------------------------------------------------------------------------

/** One criterion of an agreement (null criterion: an agreement without criteria). */
export interface CriterionMeasuredRow {
  planId: number;
  planName: string;
  agreementId: number;
  focusArea: string;
  criterionId: number | null;
  retiredAt: Date | string | null;
  /** Whether a measurement is stored for the year. */
  measured: boolean;
}

export interface MeasurementProgress {
  planId: number;
  planName: string;
  agreementId: number;
  focusArea: string;
  /** Criteria with a measurement for the year. */
  entered: number;
  /** Criteria to measure in the year (the ones the measurements page shows for it). */
  total: number;
}

/**
 * Per agreement, how many of the criteria to measure in `year` have a measurement: the criteria the
 * measurements page shows for the year (current ones, and retired ones that belong to it). Rows
 * arrive grouped by agreement; the order is kept.
 */
export function measurementProgress(
  rows: readonly CriterionMeasuredRow[],
  year: number,
): MeasurementProgress[] {
  const byAgreement = new Map<number, MeasurementProgress>();
  for (const row of rows) {
    let entry = byAgreement.get(row.agreementId);
    if (!entry) {
      entry = {
        planId: row.planId,
        planName: row.planName,
        agreementId: row.agreementId,
        focusArea: row.focusArea,
        entered: 0,
        total: 0,
      };
      byAgreement.set(row.agreementId, entry);
    }
    if (row.criterionId == null || !isShownInYear(row.retiredAt, year, row.measured)) continue;
    entry.total += 1;
    if (row.measured) entry.entered += 1;
  }
  return [...byAgreement.values()];
}

/** "12 af 40 målinger" */
export function progressText({ entered, total }: { entered: number; total: number }): string {
  return `${entered} af ${total} ${total === 1 ? "måling" : "målinger"}`;
}

/** "1 afsnit mangler", "3 punkter mangler": the count in words for the checklist summary. */
export function countText(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

// --- the main menu ----------------------------------------------------------------------------

export interface MenuItem {
  to: string;
  label: string;
  /** Matches only the exact path (the first page). */
  end?: boolean;
}

/** What the first page is called: the plans for plan users, a plain front page for the others. */
export function dashboardTitle(hasPlans: boolean): string {
  return hasPlans ? "Mine helhedsplaner" : "Min forside";
}

/**
 * The main menu for the user's roles: only what they can use. "Til beslutning" is the board's
 * (and administrators'); the dispositionsfond for its administrators and applicants; the register
 * of organisations and people for those who work with plans.
 */
export function menuItems({ isAdmin, planRoles, fund }: RoleSources): MenuItem[] {
  const hasPlans = isAdmin || planRoles.length > 0;
  const items: MenuItem[] = [{ to: "/", label: dashboardTitle(hasPlans), end: true }];
  if (isAdmin || planRoles.includes("board")) {
    items.push({ to: "/revisions", label: "Til beslutning" });
  }
  if (isAdmin || fund.any) items.push({ to: "/funds", label: "Dispositionsfond" });
  if (hasPlans) {
    items.push({ to: "/organisations", label: "Organisationer" });
    items.push({ to: "/people", label: "Personer" });
  }
  items.push({ to: "/hjaelp", label: "Hjælp" });
  if (isAdmin) {
    items.push(
      { to: "/admin/users", label: "Brugere" },
      { to: "/admin/rollup", label: "Rapportering" },
      { to: "/admin/backup", label: "Sikkerhedskopi" },
    );
  }
  return items;
}

/** The user's section for `role`, typed as that role's, or undefined when they have none. */
export function sectionOf<S extends { role: DashboardRole }, R extends S["role"]>(
  sections: readonly S[],
  role: R,
): Extract<S, { role: R }> | undefined {
  return sections.find((s): s is Extract<S, { role: R }> => s.role === role);
}
