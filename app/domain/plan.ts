/**
 * Plans (boligsociale helhedsplaner): the form schema, period rules and the yearly report deadline.
 */
import { addYears, format, parseISO, subDays } from "date-fns";
import {
  z,
  idList,
  isoDate,
  monthDayField,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
} from "./zod";
import { reminderOffsetsField } from "./reminders";
import { TEMPLATE_EDITIONS, type TemplateEdition } from "./texts.da";

// The deadline field builder lives in ./zod; these names stay importable from here.
export { monthDayField, monthDayMessages, reportDueFormText } from "./zod";

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

const reportDueMonthDay = monthDayField(DEFAULT_REPORT_DUE_MONTH_DAY);

/**
 * The template edition a plan in this funding round usually follows: the 2019-26 round came with
 * the fund's 2018 template, the earlier rounds with the older one. Only the default for a new plan.
 */
export function defaultTemplateEdition(roundCode: string): TemplateEdition {
  return roundCode === "2019-26" ? "2018" : "older";
}

export const TEMPLATE_EDITION_MESSAGE = "Vælg en skabelonudgave";

/** Empty means "follow the funding round" (see defaultTemplateEdition); the model resolves it. */
const templateEditionField = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.enum(TEMPLATE_EDITIONS, { error: TEMPLATE_EDITION_MESSAGE }).optional(),
);

export const PlanFormSchema = z
  .object({
    name: requiredText("Skriv planens navn", 200),
    fundingRoundId: requiredId("Vælg en pulje"),
    periodStart: isoDate("Angiv en gyldig startdato"),
    periodEnd: isoDate("Angiv en gyldig slutdato"),
    status: z.enum(PLAN_STATUSES, { error: "Vælg en status" }),
    templateEdition: templateEditionField,
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
    /** Days relative to each deadline ("-14, 0, 7"); absent from the form: keep the stored ones. */
    reminderOffsetDays: reminderOffsetsField,
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
