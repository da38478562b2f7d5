/**
 * Reminders of the deadlines the app knows (issue 20): which reminders are due, given the
 * deadlines, each plan's/fund's offsets, the reminders already sent and the time; what they say;
 * and the settings field for the offsets. Pure and client-safe (the settings forms use the field):
 * the clock is always passed in.
 *
 * A reminder is one deadline at one offset (days relative to the deadline: -14 two weeks before,
 * 0 on the day, 7 a week after). Its moment is 08:00 Danish time on the deadline's date plus the
 * offset. It fires once, when its moment has passed and it is not yet sent, with one rule against
 * a backlog (the app was down, or the deadline was entered late): a reminder whose moment is more
 * than BACKLOG_GRACE_DAYS in the past fires only if it is the latest offset whose moment has
 * passed for that deadline; the earlier ones never fire. So a new installation, or a deadline
 * created ten days before it falls, gets one reminder per deadline instead of a pile. A deadline
 * whose last offset lies more than BACKLOG_GRACE_DAYS back gets nothing more, and a deadline that
 * is met (a final report, a submitted grant report, a reached milestone) gets nothing at all.
 */
import { z } from "./zod";
import type { DeadlineKind } from "./calendar";
import { formatDate } from "./format";
import type { NotificationKind } from "./notification-kinds";

/** The offsets a plan or fund may choose: whole days from 60 before to 60 after, at most 5. */
export const REMINDER_OFFSET_MIN = -60;
export const REMINDER_OFFSET_MAX = 60;
export const REMINDER_OFFSETS_MAX_COUNT = 5;
/** The reminders of a day go out from this hour, Danish time. */
export const REMINDER_HOUR = 8;
/** A reminder more than this many days late fires only as its deadline's latest due one. */
export const BACKLOG_GRACE_DAYS = 2;

const DAY_MS = 24 * 60 * 60 * 1000;

// --- the offsets as a form field ---------------------------------------------------------------

export const REMINDER_OFFSETS_LABEL = "Påmindelser (dage i forhold til fristen)";
export const REMINDER_OFFSETS_HINT =
  "Hele dage adskilt af komma: minus før fristen, 0 på dagen, plus efter. Fx -14, 0, 7 (to uger før, på dagen og en uge efter). Tomt betyder ingen påmindelser.";
export const REMINDER_OFFSETS_MESSAGES = {
  format: "Skriv hele dage adskilt af komma, fx -14, 0, 7",
  range: `Hver påmindelse skal ligge mellem ${REMINDER_OFFSET_MIN} og ${REMINDER_OFFSET_MAX} dage fra fristen`,
  count: `Angiv højst ${REMINDER_OFFSETS_MAX_COUNT} påmindelser`,
  distinct: "Den samme dag står flere gange",
} as const;

/** [-14, 0, 7] → "-14, 0, 7" (the form's text). */
export function reminderOffsetsFormText(offsets: readonly number[]): string {
  return offsets.join(", ");
}

/**
 * The offsets typed as text ("-14, 0, 7"; also "−14; 0 ;+7"), sorted. An empty field is no
 * reminders; a form without the field at all gives undefined (keep what is stored).
 */
export const reminderOffsetsField = z.preprocess(
  (v) => (v == null ? undefined : v),
  z
    .string({ error: REMINDER_OFFSETS_MESSAGES.format })
    .transform((text, ctx) => {
      const parts = text
        .replace(/[\u2212\u2013]/g, "-")
        .split(/[,;]|\s+(?=[-+]?\d)/)
        .map((p) => p.trim())
        .filter((p) => p !== "");
      if (parts.some((p) => !/^[-+]?\d{1,3}$/.test(p))) {
        ctx.addIssue({ code: "custom", message: REMINDER_OFFSETS_MESSAGES.format });
        return z.NEVER;
      }
      const offsets = parts.map((p) => Number(p) + 0);
      if (offsets.some((o) => o < REMINDER_OFFSET_MIN || o > REMINDER_OFFSET_MAX)) {
        ctx.addIssue({ code: "custom", message: REMINDER_OFFSETS_MESSAGES.range });
        return z.NEVER;
      }
      if (new Set(offsets).size !== offsets.length) {
        ctx.addIssue({ code: "custom", message: REMINDER_OFFSETS_MESSAGES.distinct });
        return z.NEVER;
      }
      if (offsets.length > REMINDER_OFFSETS_MAX_COUNT) {
        ctx.addIssue({ code: "custom", message: REMINDER_OFFSETS_MESSAGES.count });
        return z.NEVER;
      }
      return offsets.sort((a, b) => a - b);
    })
    .optional(),
);

// --- time ----------------------------------------------------------------------------------------

const copenhagenParts = new Intl.DateTimeFormat("en-US", {
  timeZone: "Europe/Copenhagen",
  hourCycle: "h23",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/** How far Danish wall time is ahead of UTC at `at`, in milliseconds (1 or 2 hours). */
function copenhagenOffsetMs(at: number): number {
  const p = Object.fromEntries(
    copenhagenParts.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]),
  ) as Record<string, number>;
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(at / 1000) * 1000;
}

/** yyyy-MM-dd plus `days` calendar days. */
export function addDaysToDate(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (both yyyy-MM-dd). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** `hour`:00 Danish time on a date (summer or winter time as it is that day). */
export function danishTimeOn(date: string, hour: number): Date {
  const [y, m, d] = date.split("-").map(Number);
  const wall = Date.UTC(y!, m! - 1, d!, hour);
  let at = wall - copenhagenOffsetMs(wall);
  // The zone's offset at the guess may differ from the one at the answer (a DST change between).
  at = wall - copenhagenOffsetMs(at);
  return new Date(at);
}

/** When the reminder `offset` days from a deadline on `date` goes out: 08:00 Danish time. */
export function reminderMoment(date: string, offset: number): Date {
  return danishTimeOn(addDaysToDate(date, offset), REMINDER_HOUR);
}

/** The deadline dates worth loading at `today`: every offset in range, plus the grace days. */
export function reminderWindow(today: string): { from: string; to: string } {
  return {
    from: addDaysToDate(today, -(REMINDER_OFFSET_MAX + BACKLOG_GRACE_DAYS + 1)),
    to: addDaysToDate(today, -REMINDER_OFFSET_MIN + 1),
  };
}

// --- which reminders are due ---------------------------------------------------------------------

export interface ReminderCandidate {
  /** The deadline's stable UID (calendar.ts deadlineUid). */
  uid: string;
  /** yyyy-MM-dd. */
  date: string;
  /** Met: no reminders. */
  done: boolean;
  /** The plan's or fund's offsets. */
  offsets: readonly number[];
}

/** The key in reminders_sent: "<deadline uid>:<offset>". */
export function reminderKey(uid: string, offset: number): string {
  return `${uid}:${offset}`;
}

/** The notification's dedupe key. */
export function reminderDedupeKey(uid: string, offset: number): string {
  return `reminder:${reminderKey(uid, offset)}`;
}

export interface DueReminder<T extends ReminderCandidate> {
  deadline: T;
  offset: number;
  key: string;
  moment: Date;
}

/** Every reminder of the open deadlines whose moment has passed, sent or not (in time order). */
export function passedReminders<T extends ReminderCandidate>(
  deadlines: readonly T[],
  now: Date,
): DueReminder<T>[] {
  const result: DueReminder<T>[] = [];
  for (const deadline of deadlines) {
    if (deadline.done) continue;
    for (const offset of new Set(deadline.offsets)) {
      const moment = reminderMoment(deadline.date, offset);
      if (moment.getTime() <= now.getTime()) {
        result.push({ deadline, offset, key: reminderKey(deadline.uid, offset), moment });
      }
    }
  }
  return result.sort((a, b) => a.moment.getTime() - b.moment.getTime());
}

/**
 * The reminders to send now: passed, not in `sent`, and either at most BACKLOG_GRACE_DAYS late or
 * the latest passed offset of their deadline (see the module's comment).
 */
export function dueReminders<T extends ReminderCandidate>(
  deadlines: readonly T[],
  sent: ReadonlySet<string>,
  now: Date,
): DueReminder<T>[] {
  const passed = passedReminders(deadlines, now);
  const latest = new Map<string, number>();
  for (const r of passed) {
    latest.set(r.deadline.uid, Math.max(latest.get(r.deadline.uid) ?? -Infinity, r.offset));
  }
  const grace = BACKLOG_GRACE_DAYS * DAY_MS;
  return passed.filter(
    (r) =>
      !sent.has(r.key) &&
      (now.getTime() - r.moment.getTime() <= grace || latest.get(r.deadline.uid) === r.offset),
  );
}

// --- what a reminder says ------------------------------------------------------------------------

export const REMINDER_NOTIFICATION_KIND = {
  report: "report_due",
  revision: "revision_due",
  "grant-report": "grant_report_due",
  milestone: "milestone_due",
  "self-evaluation": "self_evaluation_due",
} as const satisfies Record<DeadlineKind, NotificationKind>;

/** How a kind's deadline is met, in words: before the deadline and after it. */
const VERBS: Record<DeadlineKind, { due: string; missed: string }> = {
  report: { due: "skal afleveres", missed: "var ikke afleveret" },
  revision: { due: "skal være godkendt", missed: "var ikke godkendt" },
  "grant-report": { due: "skal indsendes", missed: "var ikke indsendt" },
  milestone: { due: "skal være nået", missed: "var ikke nået" },
  "self-evaluation": { due: "skal afleveres", missed: "var ikke afleveret" },
};

function days(n: number): string {
  return n === 1 ? "1 dag" : `${n} dage`;
}

/**
 * The reminder's title, from the day it goes out: «Statusrapporten for 2026 (Helhedsplan X)
 * skal afleveres om 14 dage (30. juni 2027)», «… skal afleveres i dag (30. juni 2027)», «… var
 * ikke afleveret 7 dage efter fristen (30. juni 2027)». `subject` names the thing.
 */
export function reminderTitle(
  kind: DeadlineKind,
  subject: string,
  date: string,
  today: string,
): string {
  const left = daysBetween(today, date);
  const verbs = VERBS[kind];
  const when = formatDate(date);
  if (left > 0) return `${subject} ${verbs.due} om ${days(left)} (${when})`;
  if (left === 0) return `${subject} ${verbs.due} i dag (${when})`;
  return `${subject} ${verbs.missed} ${days(-left)} efter fristen (${when})`;
}
