/**
 * The deadline calendar (fristkalender): every deadline the app knows as a plain `Deadline`, and
 * those deadlines as an ICS calendar (all-day events, Danish titles, stable UIDs so a subscribed
 * calendar updates an event instead of adding a copy). The dates come from the rules that own
 * them (revision.ts, reporting.ts); this module only maps them. Pure: the clock, the app's origin
 * and the calendar's name are passed in.
 *
 * A self-evaluation is in the calendar when the funder set a deadline for it (its `dueDate`).
 */
import { format, parseISO, subMonths } from "date-fns";
import { createEvents, type EventAttributes } from "ics";
import { formatDate } from "./format";
import { reportDeadline } from "./reporting";

export const DEADLINE_KINDS = [
  "revision",
  "report",
  "grant-report",
  "milestone",
  "self-evaluation",
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface Deadline {
  kind: DeadlineKind;
  /** The thing the deadline is about: agreement, plan, grant or milestone id. */
  subjectId: number;
  /** The year in the UID: the report's year, the grant year, the milestone's year, the due year. */
  year: number;
  /** yyyy-MM-dd, a date in Denmark. */
  date: string;
  /** The event's title, e.g. "Frist: statusrapport for 2025 – Helhedsplan Strandengen". */
  title: string;
  /** What is due, in a sentence or two. */
  description: string;
  /** The page in the app, as a path ("/plans/3/reports/2025"). */
  path: string;
  /** Handed in / reached: shown as such, never as overdue. */
  done: boolean;
  /** The plan it belongs to (null for the dispositionsfond's grants). */
  planId: number | null;
}

/** The stable UID: the same deadline keeps it across feeds and downloads. */
export function deadlineUid(d: Pick<Deadline, "kind" | "subjectId" | "year">): string {
  return `${d.kind}-${d.subjectId}-${d.year}@samarbejdsaftaler`;
}

// --- mapping the app's deadlines ----------------------------------------------------------------

export interface RevisionDeadlineSource {
  planId: number;
  planName: string;
  agreementId: number;
  focusArea: string;
  /** The current approved version's date (null: never approved, so nothing to revise). */
  lastApprovedAt: string | null;
  /** When the next revision is due (revision.ts `nextRevisionDue`); null without an approval. */
  due: string | null;
}

/** R6: the next revision of an approved agreement (the date as revision-views computes it). */
export function revisionDeadline(r: RevisionDeadlineSource): Deadline | null {
  if (!r.due || !r.lastApprovedAt) return null;
  const date = r.due;
  return {
    kind: "revision",
    subjectId: r.agreementId,
    year: Number(date.slice(0, 4)),
    date,
    title: `Frist: revision af delaftalen ${r.focusArea} – ${r.planName}`,
    description: `Delaftalen ${r.focusArea} skal revideres og godkendes af bestyrelsen senest ${formatDate(date)} (senest godkendt ${formatDate(r.lastApprovedAt)}).`,
    path: `/plans/${r.planId}/agreements/${r.agreementId}/revision`,
    done: false,
    planId: r.planId,
  };
}

export interface PlanReportSource {
  planId: number;
  planName: string;
  periodStart: string;
  periodEnd: string;
  reportDueMonthDay: string;
  /** The years whose report is final. */
  finalYears: readonly number[];
}

/**
 * The yearly statusrapport on each calendar year the plan's period touches, due on the plan's
 * day in the following year (reporting.ts). A final report stays in the calendar, marked done.
 */
export function reportDeadlines(p: PlanReportSource): Deadline[] {
  const first = Number(p.periodStart.slice(0, 4));
  const last = Number(p.periodEnd.slice(0, 4));
  const result: Deadline[] = [];
  for (let year = first; year <= last; year++) {
    const date = reportDeadline(year, p.reportDueMonthDay);
    const done = p.finalYears.includes(year);
    result.push({
      kind: "report",
      subjectId: p.planId,
      year,
      date,
      title: `Frist: statusrapport for ${year} – ${p.planName}`,
      description: done
        ? `Statusrapporten for ${year} er færdig (frist ${formatDate(date)}).`
        : `Statusrapporten for ${year} skal være færdig senest ${formatDate(date)}.`,
      path: `/plans/${p.planId}/reports/${year}`,
      done,
      planId: p.planId,
    });
  }
  return result;
}

export interface GrantReportSource {
  fundId: number;
  fundName: string;
  grantId: number;
  title: string;
  estateName: string;
  year: number;
  reportDueMonthDay: string;
  submitted: boolean;
}

/** The report on one grant year of the dispositionsfond, due on the fund's day the year after. */
export function grantReportDeadline(g: GrantReportSource): Deadline {
  const date = reportDeadline(g.year, g.reportDueMonthDay);
  return {
    kind: "grant-report",
    subjectId: g.grantId,
    year: g.year,
    date,
    title: `Frist: afrapportering ${g.year} af «${g.title}» – ${g.estateName}`,
    description: g.submitted
      ? `Afrapporteringen for ${g.year} til ${g.fundName} er indsendt (frist ${formatDate(date)}).`
      : `${g.estateName} afrapporterer forbrug og aktiviteter for ${g.year} til ${g.fundName} senest ${formatDate(date)}.`,
    path: `/funds/${g.fundId}/grants/${g.grantId}/reports/${g.year}`,
    done: g.submitted,
    planId: null,
  };
}

export type MilestoneStatus = "planned" | "done" | "postponed";

const milestoneStatusLabels: Record<MilestoneStatus, string> = {
  planned: "Planlagt",
  done: "Nået",
  postponed: "Udskudt",
};

export interface MilestoneSource {
  id: number;
  planId: number;
  planName: string;
  title: string;
  dueDate: string | null;
  year: number;
  quarter: number | null;
  status: MilestoneStatus;
  note: string | null;
}

/** The last day of a quarter (1–4) of a year, yyyy-MM-dd. */
export function quarterEndDate(year: number, quarter: number): string {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) {
    throw new RangeError(`quarter must be 1–4, not ${quarter}`);
  }
  return `${year}-${["03-31", "06-30", "09-30", "12-31"][quarter - 1]}`;
}

/** A milestone on its date, or (planned by quarter) on the quarter's last day. */
export function milestoneDeadline(m: MilestoneSource): Deadline {
  const date = m.dueDate ?? quarterEndDate(m.year, m.quarter ?? 4);
  const when = m.dueDate ? formatDate(m.dueDate) : `${m.quarter}. kvartal ${m.year}`;
  const lines = [
    `Milepæl i ${m.planName}: ${m.title} (${when}).`,
    `Status: ${milestoneStatusLabels[m.status]}.`,
  ];
  if (m.note?.trim()) lines.push(`Note: ${m.note.trim()}`);
  return {
    kind: "milestone",
    subjectId: m.id,
    year: m.year,
    date,
    title: `Milepæl: ${m.title} – ${m.planName}`,
    description: lines.join("\n"),
    path: `/plans/${m.planId}/milestones?year=${m.year}`,
    done: m.status === "done",
    planId: m.planId,
  };
}

export interface SelfEvaluationSource {
  id: number;
  planId: number;
  planName: string;
  title: string;
  funder: string;
  /** yyyy-MM-dd. */
  dueDate: string;
}

/** A self-evaluation on the deadline its funder set. */
export function selfEvaluationDeadline(e: SelfEvaluationSource): Deadline {
  return {
    kind: "self-evaluation",
    subjectId: e.id,
    year: Number(e.dueDate.slice(0, 4)),
    date: e.dueDate,
    title: `Frist: selvevaluering «${e.title}» – ${e.planName}`,
    description: `Selvevalueringen af «${e.title}» til ${e.funder} skal være færdig ${formatDate(e.dueDate)}.`,
    path: `/plans/${e.planId}/self-evaluations/${e.id}`,
    done: false,
    planId: e.planId,
  };
}

// --- which deadlines a calendar shows -----------------------------------------------------------

/** Past deadlines stay for this many months; everything ahead is shown. */
export const CALENDAR_PAST_MONTHS = 12;

// One collator for every comparison (localeCompare with a locale builds one per call).
const danishCollator = new Intl.Collator("da");

/** The deadlines from 12 months before `today` on, in date order (then title). */
export function deadlinesToShow(deadlines: readonly Deadline[], today: string): Deadline[] {
  const from = format(subMonths(parseISO(today), CALENDAR_PAST_MONTHS), "yyyy-MM-dd");
  return deadlines
    .filter((d) => d.date >= from)
    .sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : danishCollator.compare(a.title, b.title),
    );
}

// --- ICS ---------------------------------------------------------------------------------------

function dateArray(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y!, m!, d!];
}

/** The day after a yyyy-MM-dd date, as ics's [year, month, day] (calendar arithmetic in UTC). */
function nextDay(date: string): [number, number, number] {
  const [y, m, d] = dateArray(date);
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
}

/** An all-day event: DTSTART;VALUE=DATE on the day, DTEND the day after (RFC 5545). */
export function deadlineEvent(d: Deadline, origin: string): EventAttributes {
  // `path` is always the app's own absolute path.
  const url = `${origin.replace(/\/+$/, "")}${d.path}`;
  return {
    uid: deadlineUid(d),
    start: dateArray(d.date),
    end: nextDay(d.date),
    title: d.done ? `${d.title} (klaret)` : d.title,
    description: `${d.description}\n\n${url}`,
    url,
    status: "CONFIRMED",
    // A deadline does not make the user busy that day.
    transp: "TRANSPARENT",
    busyStatus: "FREE",
    categories: [d.kind === "milestone" ? "Milepæl" : "Frist"],
  };
}

export interface CalendarOptions {
  /** The calendar's name in the user's calendar app (X-WR-CALNAME). */
  name: string;
  /** Where the app is, for the events' links ("https://aftaler.example"). */
  origin: string;
  /** DTSTAMP: when this calendar was made. */
  now: Date;
}

const PRODUCT_ID = "-//Samarbejdsaftaler//Fristkalender//DA";

function icsOrThrow({ error, value }: { error: Error | null; value: string | null }): string {
  if (error || value == null) throw error ?? new Error("ics returned no calendar");
  return value;
}

/**
 * One event as its VEVENT block (written and checked by `ics`), DTSTAMP `stamp`. The block depends
 * only on its arguments, so a server may keep it for the next request.
 */
export function renderEventBlock(event: EventAttributes, stamp: Date): string {
  // `timestamp` (DTSTAMP) is in ics's schema but missing from its type declarations.
  const ics = icsOrThrow(createEvents([Object.assign({}, event, { timestamp: stamp.getTime() })]));
  const start = ics.indexOf("BEGIN:VEVENT");
  const end = ics.lastIndexOf("END:VEVENT\r\n") + "END:VEVENT\r\n".length;
  return ics.slice(start, end);
}

/** The calendar around rendered VEVENT blocks: its header (name, zone) and footer. */
export function assembleCalendar(name: string, eventBlocks: readonly string[]): string {
  // The name is a header line of its own: no line breaks in it.
  const calName = name.replace(/\s+/g, " ").trim();
  const shell = icsOrThrow(createEvents([], { productId: PRODUCT_ID, calName }));
  const footer = "END:VCALENDAR\r\n";
  // The dates are Danish dates; Google Calendar reads the calendar's zone from X-WR-TIMEZONE.
  const head = shell
    .slice(0, shell.lastIndexOf(footer))
    .replace(/(X-WR-CALNAME:[^\r\n]*\r\n)/, "$1X-WR-TIMEZONE:Europe/Copenhagen\r\n");
  return head + eventBlocks.join("") + footer;
}

/** The deadlines as an ICS calendar (text/calendar, CRLF lines). */
export function buildCalendar(deadlines: readonly Deadline[], options: CalendarOptions): string {
  return assembleCalendar(
    options.name,
    deadlines.map((d) => renderEventBlock(deadlineEvent(d, options.origin), options.now)),
  );
}

/** A file name for a plan's .ics download: "frister-helhedsplan-strandengen.ics". */
export function calendarFileName(planName: string): string {
  const slug = planName
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `frister-${slug || "plan"}.ics`;
}
