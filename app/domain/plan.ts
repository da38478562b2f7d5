/**
 * Plans (boligsociale helhedsplaner): the form schema, period rules and the yearly report deadline.
 */
import { addYears, format, parseISO, subDays } from "date-fns";
import { z, idList, isoDate, optionalId, optionalText, requiredId, requiredText } from "./zod";

export const PLAN_STATUSES = ["draft", "active", "closed"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const planStatusLabels: Record<PlanStatus, string> = {
  draft: "Under udarbejdelse",
  active: "I gang",
  closed: "Afsluttet",
};

/** The default plan length in years (helhedsplaner usually run four years). */
export const DEFAULT_PLAN_YEARS = 4;

/** The default end of a plan that starts on `start`: the day before the same date N years on. */
export function defaultPeriodEnd(start: string, years = DEFAULT_PLAN_YEARS): string {
  return format(subDays(addYears(parseISO(start), years), 1), "yyyy-MM-dd");
}

/** The report deadline as stored ("MM-DD"): 30 June for the previous calendar year. */
export const DEFAULT_REPORT_DUE_MONTH_DAY = "06-30";

export const REPORT_DUE_FORMAT_MESSAGE = "Angiv fristen som dag og måned, fx 30-06";
export const REPORT_DUE_NO_SUCH_DAY_MESSAGE =
  "Den dato findes ikke hvert år. Angiv en gyldig dag og måned, fx 30-06";

/** Days per month in a common year: a deadline must exist every year, so 29 February does not. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isExistingMonthDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * The form shows the deadline day first, as Danes write dates ("30-06"), while the database stores
 * "MM-DD" so it sorts and checks simply. "06-30" → "30-06"; anything that is not a stored "MM-DD"
 * is returned unchanged (it is already what the user typed).
 */
export function reportDueFormText(monthDay: string): string {
  const match = /^(\d{2})-(\d{2})$/.exec(monthDay);
  if (!match || !isExistingMonthDay(Number(match[1]), Number(match[2]))) return monthDay;
  return `${match[2]}-${match[1]}`;
}

/** "Angiv fristen som dag og måned, fx 30-06" for a deadline field whose default is "06-30". */
export function monthDayMessages(defaultMonthDay: string) {
  const example = reportDueFormText(defaultMonthDay);
  return {
    format: `Angiv fristen som dag og måned, fx ${example}`,
    noSuchDay: `Den dato findes ikke hvert år. Angiv en gyldig dag og måned, fx ${example}`,
  };
}

/**
 * A yearly deadline as the user types it: day and month ("30-06", "30.6", "30/06"), stored
 * "MM-DD"; empty is `defaultMonthDay`. Used by the plan's report deadline and the dispositionsfond's.
 */
export function monthDayField(defaultMonthDay: string) {
  const messages = monthDayMessages(defaultMonthDay);
  return z.preprocess(
    (v) =>
      v == null || (typeof v === "string" && v.trim() === "")
        ? reportDueFormText(defaultMonthDay)
        : v,
    z.string({ error: messages.format }).transform((text, ctx) => {
      const match = /^\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\s*\.?\s*$/.exec(text);
      if (!match) {
        ctx.addIssue({ code: "custom", message: messages.format });
        return z.NEVER;
      }
      const day = Number(match[1]);
      const month = Number(match[2]);
      if (!isExistingMonthDay(month, day)) {
        ctx.addIssue({ code: "custom", message: messages.noSuchDay });
        return z.NEVER;
      }
      return `${pad2(month)}-${pad2(day)}`;
    }),
  );
}

const reportDueMonthDay = monthDayField(DEFAULT_REPORT_DUE_MONTH_DAY);

export const PlanFormSchema = z
  .object({
    name: requiredText("Skriv planens navn", 200),
    fundingRoundId: requiredId("Vælg en pulje"),
    periodStart: isoDate("Angiv en gyldig startdato"),
    periodEnd: isoDate("Angiv en gyldig slutdato"),
    status: z.enum(PLAN_STATUSES, { error: "Vælg en status" }),
    municipalityId: optionalId(),
    organisationIds: idList(),
    description: optionalText(4000, { multiline: true }),
    revisionIntervalMonths: z.preprocess(
      (v) => (v === "" || v == null ? 12 : Number(v)),
      z
        .number({ error: "Angiv antal måneder mellem revisioner (1–24)" })
        .int({ error: "Angiv antal måneder mellem revisioner (1–24)" })
        .min(1, { error: "Angiv antal måneder mellem revisioner (1–24)" })
        .max(24, { error: "Angiv antal måneder mellem revisioner (1–24)" }),
    ),
    reportDueMonthDay,
  })
  .refine((plan) => plan.periodEnd > plan.periodStart, {
    path: ["periodEnd"],
    error: "Slutdatoen skal ligge efter startdatoen",
    // Also check the order when other fields are wrong, so every message shows at once.
    when: ({ value }) => {
      const v = value as { periodStart?: unknown; periodEnd?: unknown };
      return isIsoDate(v.periodStart) && isIsoDate(v.periodEnd);
    },
  });

function isIsoDate(value: unknown): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
}
export type PlanFormValues = z.infer<typeof PlanFormSchema>;

export const PlanParamsSchema = z.object({ planId: z.coerce.number().int().positive() });
