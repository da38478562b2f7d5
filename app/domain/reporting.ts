/**
 * The yearly progress report (statusrapport): when it is due, which reports the dashboard lists,
 * and the per-agreement status counts of the plan page's criteria overview. Pure and client-safe.
 */
import { format, getDaysInMonth } from "date-fns";
import { da } from "date-fns/locale/da";
import { MEASUREMENT_STATUSES, type MeasurementStatus } from "./measurement";
import { DEFAULT_REPORT_DUE_MONTH_DAY } from "./plan";
import { deadlineState, type DeadlineState } from "./revision";
import { reportStatusWords } from "./status-words";

export const REPORT_STATUSES = ["draft", "final"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** "Udkast" / "Endelig": the app's one set of status words (status-words.ts). */
export const reportStatusLabels: Record<ReportStatus, string> = reportStatusWords;

function parseMonthDay(monthDay: string): { month: number; day: number } {
  // The database checks the "MM-DD" format; the fallback only spares callers a null.
  const match =
    /^(\d{2})-(\d{2})$/.exec(monthDay) ?? /^(\d{2})-(\d{2})$/.exec(DEFAULT_REPORT_DUE_MONTH_DAY);
  return { month: Number(match![1]), day: Number(match![2]) };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * The deadline (yyyy-MM-dd) of the report on `year`: the plan's day in the following calendar
 * year. The database accepts any day up to 31 in any month, so a day the month lacks (31 April,
 * 29 February in a common year) falls back to the month's last day rather than an invalid date.
 */
export function reportDeadline(year: number, monthDay: string): string {
  const { month, day } = parseMonthDay(monthDay);
  const dueYear = year + 1;
  const lastDay = getDaysInMonth(new Date(dueYear, month - 1, 1));
  return `${dueYear}-${pad2(month)}-${pad2(Math.min(day, lastDay))}`;
}

/** "06-30" → "30. juni" */
export function formatReportDue(monthDay: string): string {
  const { month, day } = parseMonthDay(monthDay);
  // A common year: the form only accepts days that exist every year.
  const lastDay = getDaysInMonth(new Date(2001, month - 1, 1));
  return format(new Date(2001, month - 1, Math.min(day, lastDay)), "d. MMMM", { locale: da });
}

export interface ReportingPlan {
  planId: number;
  planName: string;
  periodStart: string;
  periodEnd: string;
  reportDueMonthDay: string;
  /** The status of the plan's report on the year shown, or null when none is saved. */
  reportStatus?: ReportStatus | null;
}

export interface ReportDeadline {
  planId: number;
  planName: string;
  /** The calendar year the report covers. */
  year: number;
  /** yyyy-MM-dd */
  due: string;
  /** A final report is never overdue. */
  state: DeadlineState;
  reportStatus: ReportStatus | null;
}

const stateOrder: Record<DeadlineState, number> = { overdue: 0, soon: 1, ok: 2 };

/**
 * Each plan's report on the previous calendar year (relative to `today`, yyyy-MM-dd) when the
 * plan's period touches that year, with its deadline: overdue first, then the earliest due.
 */
export function reportDeadlinesToShow(plans: ReportingPlan[], today: string): ReportDeadline[] {
  const year = Number(today.slice(0, 4)) - 1;
  return plans
    .filter((p) => p.periodStart <= `${year}-12-31` && p.periodEnd >= `${year}-01-01`)
    .map((p): ReportDeadline => {
      const due = reportDeadline(year, p.reportDueMonthDay);
      const reportStatus = p.reportStatus ?? null;
      return {
        planId: p.planId,
        planName: p.planName,
        year,
        due,
        state: reportStatus === "final" ? "ok" : deadlineState(due, today),
        reportStatus,
      };
    })
    .sort(
      (a, b) =>
        stateOrder[a.state] - stateOrder[b.state] ||
        a.due.localeCompare(b.due) ||
        a.planName.localeCompare(b.planName, "da"),
    );
}

/** A criterion's latest measurement, or null when it has none yet. */
export interface LatestMeasurement {
  year: number;
  status: MeasurementStatus;
}

export type StatusCounts = Record<MeasurementStatus | "none", number>;

/** How many criteria have each latest status; "none" counts those never measured. */
export function countLatestStatuses(
  criteria: readonly { latest: LatestMeasurement | null }[],
): StatusCounts {
  const counts: StatusCounts = { met: 0, partly_met: 0, not_met: 0, not_measured: 0, none: 0 };
  for (const c of criteria) counts[c.latest?.status ?? "none"] += 1;
  return counts;
}

/** The order the counts are shown in. */
export const STATUS_COUNT_KEYS = [...MEASUREMENT_STATUSES, "none"] as const;
