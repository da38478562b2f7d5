/**
 * Milestone plans (milepælsplaner): the plan's milestones, each due on a date or in a quarter,
 * optionally tied to an agreement and one of its activities, with a responsible organisation and a
 * status (planned, done, postponed with a note). The form schemas, the view that the pages, Word,
 * Excel and the progress report render, and the timeline placement. Pure and client-safe.
 */
import { differenceInCalendarDays, parseISO } from "date-fns";
import { formatDate, formatPeriod } from "./format";
import type { PlanAccessRole } from "./roles";
import { isoDate, optionalId, optionalText, requiredText, z } from "./zod";

export const MILESTONE_STATUSES = ["planned", "done", "postponed"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const milestoneStatusLabels: Record<MilestoneStatus, string> = {
  planned: "Planlagt",
  done: "Nået",
  postponed: "Udskudt",
};

/** A sign beside the label, so the status never rests on colour alone (screen, print, Word). */
export const milestoneStatusIcons: Record<MilestoneStatus, string> = {
  planned: "○",
  done: "✓",
  postponed: "↻",
};

/** Create, edit and delete milestones (admins always may). */
export const MILESTONE_EDITOR_ROLES = ["secretariat"] as const;
/** Mark a milestone done or postponed: the reporter reports on it, the secretariat keeps it. */
export const MILESTONE_STATUS_ROLES = ["secretariat", "reporter"] as const;

export function canEditMilestones(role: PlanAccessRole | null | undefined): boolean {
  return role === "admin" || role === "secretariat";
}

export function canReportMilestones(role: PlanAccessRole | null | undefined): boolean {
  return role === "admin" || role === "secretariat" || role === "reporter";
}

export const POSTPONED_NOTE_MESSAGE = "Skriv hvorfor milepælen er udskudt";
export const WHEN_MISSING_MESSAGE = "Angiv enten en dato eller et kvartal";
export const WHEN_BOTH_MESSAGE = "Angiv enten en dato eller et kvartal, ikke begge";
export const COMPLETED_ON_MESSAGE = "Angiv datoen, hvor milepælen blev nået";

export function milestonesPath(planId: number): string {
  return `/plans/${planId}/milestones`;
}

export function milestonePath(planId: number, milestoneId: number): string {
  return `${milestonesPath(planId)}/${milestoneId}`;
}

// --- quarters and periods ---------------------------------------------------------------------

/** "2026-2" → { year: 2026, quarter: 2 } */
export function parseQuarterValue(value: string): { year: number; quarter: number } | null {
  const match = /^(\d{4})-([1-4])$/.exec(value.trim());
  return match ? { year: Number(match[1]), quarter: Number(match[2]) } : null;
}

export function quarterValue(year: number, quarter: number): string {
  return `${year}-${quarter}`;
}

/** "2. kvartal 2026" */
export function quarterText(year: number, quarter: number): string {
  return `${quarter}. kvartal ${year}`;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const QUARTER_END_DAY = [31, 30, 30, 31];

export function quarterStart(year: number, quarter: number): string {
  return `${year}-${pad2((quarter - 1) * 3 + 1)}-01`;
}

export function quarterEnd(year: number, quarter: number): string {
  return `${year}-${pad2(quarter * 3)}-${QUARTER_END_DAY[quarter - 1]}`;
}

export interface PlanPeriod {
  periodStart: string;
  periodEnd: string;
}

/** The quarters that touch the plan's period, in order (the quarter field's options). */
export function periodQuarters(period: PlanPeriod): { value: string; label: string }[] {
  const first = Number(period.periodStart.slice(0, 4));
  const last = Number(period.periodEnd.slice(0, 4));
  const options: { value: string; label: string }[] = [];
  for (let year = first; year <= last; year++) {
    for (let quarter = 1; quarter <= 4; quarter++) {
      if (quarterEnd(year, quarter) < period.periodStart) continue;
      if (quarterStart(year, quarter) > period.periodEnd) continue;
      options.push({ value: quarterValue(year, quarter), label: quarterText(year, quarter) });
    }
  }
  return options;
}

/** The calendar years of the plan's period. */
export function periodYears(period: PlanPeriod): number[] {
  const first = Number(period.periodStart.slice(0, 4));
  const last = Number(period.periodEnd.slice(0, 4));
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** The year a yearly view opens on: the current year inside the period, else its nearest end. */
export function defaultMilestoneYear(period: PlanPeriod, today: string): number {
  const years = periodYears(period);
  const current = Number(today.slice(0, 4));
  return Math.min(Math.max(current, years[0]!), years[years.length - 1]!);
}

// --- the form ---------------------------------------------------------------------------------

/** What the milestone form stores: exactly one of `dueDate` and (`year`, `quarter`). */
export interface MilestoneInput {
  title: string;
  dueDate: string | null;
  year: number;
  quarter: number | null;
  agreementId: number | null;
  activityId: number | null;
  responsibleOrganisationId: number | null;
  note: string | null;
}

function outsidePeriodMessage(period: PlanPeriod, what: "Datoen" | "Kvartalet"): string {
  return `${what} skal ligge i planens periode (${formatPeriod(period.periodStart, period.periodEnd)})`;
}

/**
 * The milestone form: a title, a date OR a quarter (exactly one, inside the plan's period), the
 * agreement, activity and responsible organisation (checked against the plan by the model), and a
 * note. The date field is `dueDate` (yyyy-mm-dd), the quarter field `quarter` ("2026-2").
 */
export function milestoneSchema(period: PlanPeriod) {
  return z
    .object({
      title: requiredText("Skriv milepælens titel", 300),
      dueDate: z.preprocess((v) => (v === "" ? undefined : v), isoDate().optional()),
      quarter: z.preprocess(
        (v) => (typeof v === "string" && v.trim() !== "" ? v : undefined),
        z.string().optional(),
      ),
      agreementId: optionalId(),
      activityId: optionalId(),
      responsibleOrganisationId: optionalId(),
      note: optionalText(4000, { multiline: true }),
    })
    .transform((v, ctx): MilestoneInput => {
      const base = {
        title: v.title,
        agreementId: v.agreementId,
        activityId: v.activityId,
        responsibleOrganisationId: v.responsibleOrganisationId,
        note: v.note,
      };
      if (v.dueDate && v.quarter) {
        ctx.addIssue({ code: "custom", path: ["dueDate"], message: WHEN_BOTH_MESSAGE });
        return z.NEVER;
      }
      if (v.dueDate) {
        if (v.dueDate < period.periodStart || v.dueDate > period.periodEnd) {
          ctx.addIssue({
            code: "custom",
            path: ["dueDate"],
            message: outsidePeriodMessage(period, "Datoen"),
          });
          return z.NEVER;
        }
        return { ...base, dueDate: v.dueDate, year: Number(v.dueDate.slice(0, 4)), quarter: null };
      }
      if (v.quarter) {
        const q = parseQuarterValue(v.quarter);
        if (!q) {
          ctx.addIssue({ code: "custom", path: ["quarter"], message: "Vælg et kvartal på listen" });
          return z.NEVER;
        }
        if (
          quarterEnd(q.year, q.quarter) < period.periodStart ||
          quarterStart(q.year, q.quarter) > period.periodEnd
        ) {
          ctx.addIssue({
            code: "custom",
            path: ["quarter"],
            message: outsidePeriodMessage(period, "Kvartalet"),
          });
          return z.NEVER;
        }
        return { ...base, dueDate: null, year: q.year, quarter: q.quarter };
      }
      ctx.addIssue({ code: "custom", path: ["dueDate"], message: WHEN_MISSING_MESSAGE });
      return z.NEVER;
    });
}

/** The status form: done with a date, postponed with a note, or back to planned. */
export const MilestoneStatusSchema = z
  .object({
    status: z.enum(MILESTONE_STATUSES, { error: "Vælg en status" }),
    completedOn: z.preprocess((v) => (v === "" ? undefined : v), isoDate().optional()),
    note: optionalText(4000, { multiline: true }),
  })
  .superRefine((v, ctx) => {
    if (v.status === "done" && !v.completedOn) {
      ctx.addIssue({ code: "custom", path: ["completedOn"], message: COMPLETED_ON_MESSAGE });
    }
    if (v.status === "postponed" && !v.note) {
      ctx.addIssue({ code: "custom", path: ["note"], message: POSTPONED_NOTE_MESSAGE });
    }
  })
  .transform((v) => ({
    status: v.status,
    completedOn: v.status === "done" ? (v.completedOn ?? null) : null,
    note: v.note,
  }));
export type MilestoneStatusInput = z.output<typeof MilestoneStatusSchema>;

// --- the view ---------------------------------------------------------------------------------

/** A milestone's row as read, with the names of what it links to. */
export interface MilestoneRecord {
  id: number;
  title: string;
  dueDate: string | null;
  year: number;
  quarter: number | null;
  agreementId: number | null;
  /** The agreement's focus area. */
  agreementName: string | null;
  activityId: number | null;
  activityName: string | null;
  responsibleOrganisationId: number | null;
  responsibleName: string | null;
  status: MilestoneStatus;
  note: string | null;
  completedOn: string | null;
  version: number;
}

export interface MilestoneView extends MilestoneRecord {
  /** "15. marts 2026" or "2. kvartal 2026" */
  whenText: string;
  /** The first day the milestone can fall on (the date, or the quarter's first day). */
  start: string;
  /** The last day (the date, or the quarter's last day). */
  end: string;
  statusLabel: string;
  statusIcon: string;
  /** "Nået 2. april 2026" / "Udskudt" / "Planlagt" */
  statusText: string;
}

export interface MilestonePlanView {
  plan: { id: number; name: string; periodStart: string; periodEnd: string; periodText: string };
  /** The calendar years of the plan's period. */
  years: number[];
  /** In time order (date or quarter), then by title. */
  milestones: MilestoneView[];
}

export function toMilestoneView(record: MilestoneRecord): MilestoneView {
  const start = record.dueDate ?? quarterStart(record.year, record.quarter ?? 1);
  const end = record.dueDate ?? quarterEnd(record.year, record.quarter ?? 4);
  const statusLabel = milestoneStatusLabels[record.status];
  return {
    ...record,
    whenText: record.dueDate
      ? formatDate(record.dueDate)
      : quarterText(record.year, record.quarter ?? 1),
    start,
    end,
    statusLabel,
    statusIcon: milestoneStatusIcons[record.status],
    statusText:
      record.status === "done" && record.completedOn
        ? `${statusLabel} ${formatDate(record.completedOn)}`
        : statusLabel,
  };
}

/** Time order: by the last day it can fall on (a quarter after the dates inside it), then title. */
export function compareMilestones(a: MilestoneView, b: MilestoneView): number {
  return (
    a.end.localeCompare(b.end) ||
    (a.dueDate ? 0 : 1) - (b.dueDate ? 0 : 1) ||
    a.title.localeCompare(b.title, "da") ||
    a.id - b.id
  );
}

export function buildMilestonePlanView(
  plan: { id: number; name: string; periodStart: string; periodEnd: string },
  records: readonly MilestoneRecord[],
): MilestonePlanView {
  return {
    plan: { ...plan, periodText: formatPeriod(plan.periodStart, plan.periodEnd) },
    years: periodYears(plan),
    milestones: records.map(toMilestoneView).sort(compareMilestones),
  };
}

export type MilestoneScope = { year: number } | "period";

export function milestonesInScope(
  view: Pick<MilestonePlanView, "milestones">,
  scope: MilestoneScope,
): MilestoneView[] {
  return scope === "period"
    ? view.milestones
    : view.milestones.filter((m) => m.year === scope.year);
}

/** "Milepælsplan 2026" / "Milepælsplan for hele perioden" */
export function milestonePlanTitle(scope: MilestoneScope): string {
  return scope === "period" ? "Milepælsplan for hele perioden" : `Milepælsplan ${scope.year}`;
}

/** "7 af 9 milepæle nået" */
export function milestoneCountText(done: number, total: number): string {
  return `${done} af ${total} ${total === 1 ? "milepæl" : "milepæle"} nået`;
}

export function countMilestones(milestones: readonly Pick<MilestoneView, "status">[]) {
  const counts = { total: milestones.length, planned: 0, done: 0, postponed: 0 };
  for (const m of milestones) counts[m.status] += 1;
  return counts;
}

// --- the timeline -----------------------------------------------------------------------------

export interface TimelineColumn {
  label: string;
  start: string;
  end: string;
}

export interface TimelineRange {
  start: string;
  end: string;
  columns: TimelineColumn[];
}

const MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
const MONTH_END = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthEnd(year: number, month: number): string {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return `${year}-${pad2(month)}-${leap ? 29 : MONTH_END[month - 1]}`;
}

/**
 * The timeline's span and columns: the year's months for a yearly view, the quarters of every
 * year of the period for the whole period.
 */
export function timelineRange(period: PlanPeriod, scope: MilestoneScope): TimelineRange {
  if (scope !== "period") {
    const { year } = scope;
    return {
      start: `${year}-01-01`,
      end: `${year}-12-31`,
      columns: MONTHS.map((label, i) => ({
        label,
        start: `${year}-${pad2(i + 1)}-01`,
        end: monthEnd(year, i + 1),
      })),
    };
  }
  const years = periodYears(period);
  return {
    start: `${years[0]}-01-01`,
    end: `${years[years.length - 1]}-12-31`,
    columns: years.flatMap((year) =>
      [1, 2, 3, 4].map((quarter) => ({
        label: `${quarter}. kv. ${year}`,
        start: quarterStart(year, quarter),
        end: quarterEnd(year, quarter),
      })),
    ),
  };
}

/**
 * Where a milestone sits on the timeline, in percent of its width: a date is a point (`width` 0),
 * a quarter a bar over its three months. The columns are of equal width (a month or a quarter
 * each), so a date is placed within its column by its day. Null when it lies outside the range.
 */
export function timelinePlacement(
  milestone: Pick<MilestoneView, "start" | "end" | "dueDate">,
  range: TimelineRange,
): { left: number; width: number } | null {
  if (milestone.end < range.start || milestone.start > range.end) return null;
  const count = range.columns.length;
  /** The position of a moment `offset` days into `date` (0 = its start, 1 = its end). */
  const at = (date: string, offset: number) => {
    if (date < range.start) return 0;
    if (date > range.end) return 100;
    const index = range.columns.findIndex((c) => c.start <= date && date <= c.end);
    const column = range.columns[index]!;
    const days = differenceInCalendarDays(parseISO(column.end), parseISO(column.start)) + 1;
    const into = differenceInCalendarDays(parseISO(date), parseISO(column.start)) + offset;
    return ((index + into / days) / count) * 100;
  };
  const round = (n: number) => Math.round(n * 100) / 100;
  if (milestone.dueDate) return { left: round(at(milestone.dueDate, 0.5)), width: 0 };
  const left = at(milestone.start, 0);
  return { left: round(left), width: round(at(milestone.end, 1) - left) };
}

/**
 * The scope a milestone page or download asks for: `?view=period` for the whole period, else
 * `?year=2026` (default: the current year within the period). Null for a year that is not four
 * digits or lies outside the period (the route answers 404).
 */
export function readMilestoneScope(
  searchParams: URLSearchParams,
  period: PlanPeriod,
  today: string,
): MilestoneScope | null {
  if (searchParams.get("view") === "period") return "period";
  const text = searchParams.get("year");
  if (text == null || text === "") return { year: defaultMilestoneYear(period, today) };
  if (!/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return periodYears(period).includes(year) ? { year } : null;
}

/** The query string of a scope: "?view=period" or "?year=2026". */
export function scopeQuery(scope: MilestoneScope): string {
  return scope === "period" ? "?view=period" : `?year=${scope.year}`;
}

// --- the progress report's block --------------------------------------------------------------

/** The milestones in the yearly progress report: the year's, done against planned, and next year's. */
export interface ReportMilestones {
  year: number;
  counts: ReturnType<typeof countMilestones>;
  /** "7 af 9 milepæle nået" */
  countText: string;
  milestones: MilestoneView[];
  nextYear: number;
  next: MilestoneView[];
}

/** The block from the milestones of the report year and the next (other years are ignored). */
export function buildReportMilestones(
  records: readonly MilestoneRecord[],
  year: number,
): ReportMilestones {
  const views = records.map(toMilestoneView).sort(compareMilestones);
  const ofYear = views.filter((m) => m.year === year);
  const counts = countMilestones(ofYear);
  return {
    year,
    counts,
    countText: milestoneCountText(counts.done, counts.total),
    milestones: ofYear,
    nextYear: year + 1,
    next: views.filter((m) => m.year === year + 1),
  };
}
