/**
 * An application to a dispositionsfond: its schema built from the fund's rules, the rule issues
 * for saving and submitting, and the record as stored.
 */
import type { FieldErrors } from "../form";
import { isRichTextEmpty, type RichText, richTextToMarkdown } from "../rich-text";
import {
  z,
  amountField,
  checkbox,
  optionalId,
  optionalText,
  optionalWholeNumber,
  requiredId,
  requiredText,
  richTextField,
} from "../zod";
import { addIssues, yearField } from "./internal";
import type { FundSettings } from "./settings";
import { FUND_FUNDING_KINDS, FUND_NEEDS, type FundFundingKind, type FundNeed } from "./status";

// --- the application ------------------------------------------------------------------------

/** A field message at a path, as the schemas add them and the models throw them. */
export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

/** Rule issues as field errors (first message per field), for FieldValidationError. */
export function ruleIssuesToFieldErrors(issues: readonly RuleIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[issue.path.map(String).join(".") || "_form"] ??= issue.message;
  return errors;
}

export const ApplicationYearRowSchema = z.object({
  year: yearField(),
  requestedAmount: amountField(),
  ownContribution: amountField(),
});

export const ApplicationFundingRowSchema = z
  .object({
    kind: z.enum(FUND_FUNDING_KINDS, { error: "Vælg typen af finansiering" }),
    /** The LBF plan in the system; only for kind "lbf_plan". */
    planId: optionalId(),
    /** A plan not in the system, or the external fund. */
    name: optionalText(200),
    /** Over the whole period. */
    amount: amountField(),
  })
  .superRefine((row, ctx) => {
    if (row.kind === "lbf_plan" && row.planId == null && !row.name) {
      ctx.addIssue({
        code: "custom",
        path: ["planId"],
        message: "Vælg helhedsplanen, eller skriv dens navn, hvis den ikke findes i systemet",
      });
    }
    if (row.kind === "external" && !row.name) {
      ctx.addIssue({
        code: "custom",
        path: ["name"],
        message: "Skriv navnet på fonden eller puljen",
      });
    }
  })
  // An external fund is never linked to a plan, whatever the form left in the plan field.
  .transform((row) => (row.kind === "external" ? { ...row, planId: null } : row));

const ApplicationFieldsSchema = z.object({
  estateId: requiredId("Vælg den afdeling, der søger"),
  title: requiredText("Skriv en titel på ansøgningen", 200),
  description: richTextField(),
  purpose: richTextField(),
  need: z.enum(FUND_NEEDS, { error: "Vælg om behovet er forebyggende eller akut" }),
  notOrdinaryActivity: checkbox,
  startYear: yearField("Skriv det første år, fx 2026"),
  endYear: yearField("Skriv det sidste år, fx 2027"),
  tenancies: optionalWholeNumber("Skriv antal lejemål som et helt tal"),
  years: z.preprocess((v) => v ?? [], z.array(ApplicationYearRowSchema).max(20)),
  funding: z.preprocess((v) => v ?? [], z.array(ApplicationFundingRowSchema).max(30)),
});
export type ApplicationValues = z.output<typeof ApplicationFieldsSchema>;

/** A draft may be saved incomplete; submitting needs everything the assessment uses. */
export type ApplicationIntent = "draft" | "submit";

export function periodMessage(maxYears: number): string {
  return `Perioden må højst være ${maxYears} år (fondens retningslinjer)`;
}

export const NOT_ORDINARY_MESSAGE =
  "Bekræft, at indsatsen ikke er en almindelig fællesaktivitet i afdelingen";

/** The period rule (R7: support for at most the fund's max years). Checked in drafts too. */
export function periodIssues(
  application: { startYear: number; endYear: number },
  fund: Pick<FundSettings, "maxYears">,
): RuleIssue[] {
  const { startYear, endYear } = application;
  if (endYear < startYear) {
    return [{ path: ["endYear"], message: "Det sidste år kan ikke ligge før det første" }];
  }
  if (endYear - startYear + 1 > fund.maxYears) {
    return [{ path: ["endYear"], message: periodMessage(fund.maxYears) }];
  }
  return [];
}

/** The confirmation that it is not an ordinary common activity: required to submit only. */
function confirmationIssues(
  application: { notOrdinaryActivity: boolean },
  intent: ApplicationIntent,
): RuleIssue[] {
  return intent === "submit" && !application.notOrdinaryActivity
    ? [{ path: ["notOrdinaryActivity"], message: NOT_ORDINARY_MESSAGE }]
    : [];
}

/** The budget rows and, to submit, the content the assessment needs. */
function contentIssues(application: ApplicationValues, intent: ApplicationIntent): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const seen = new Set<number>();
  // With the period itself wrong (end before start) only the period's message is useful.
  const rows = application.endYear >= application.startYear ? application.years : [];
  rows.forEach((row, i) => {
    if (row.year < application.startYear || row.year > application.endYear) {
      issues.push({
        path: ["years", i, "year"],
        message: "Året ligger uden for ansøgningens periode",
      });
    } else if (seen.has(row.year)) {
      issues.push({ path: ["years", i, "year"], message: "Året står der allerede" });
    }
    seen.add(row.year);
  });
  if (intent === "submit") {
    if (isRichTextEmpty(application.description)) {
      issues.push({ path: ["description"], message: "Beskriv indsatsen" });
    }
    if (isRichTextEmpty(application.purpose)) {
      issues.push({ path: ["purpose"], message: "Beskriv formålet med indsatsen" });
    }
    if (!application.tenancies) {
      issues.push({ path: ["tenancies"], message: "Angiv afdelingens antal lejemål" });
    }
    if (application.years.every((row) => row.requestedAmount === 0)) {
      issues.push({ path: ["years"], message: "Angiv det beløb, der søges om, for mindst ét år" });
    }
  }
  return issues;
}

/** Every rule of an application, on parsed values: what the model checks before it saves. */
export function applicationIssues(
  application: ApplicationValues,
  fund: Pick<FundSettings, "maxYears">,
  intent: ApplicationIntent,
): RuleIssue[] {
  return [
    ...periodIssues(application, fund),
    ...confirmationIssues(application, intent),
    ...contentIssues(application, intent),
  ];
}

const isYear = (v: unknown): v is number => Number.isInteger(v);

/**
 * The application form's schema for a fund: the fields plus the fund's rules. The period and
 * confirmation messages show even while other fields are wrong, so the applicant sees them at
 * once. Used by the page (react-hook-form) and the route; the model re-checks with
 * `applicationIssues` against the fund's stored settings.
 */
export function applicationSchema(
  fund: Pick<FundSettings, "maxYears">,
  intent: ApplicationIntent = "submit",
) {
  return ApplicationFieldsSchema.superRefine((a, ctx) => addIssues(ctx, periodIssues(a, fund)), {
    when: ({ value }) => {
      const v = value as { startYear?: unknown; endYear?: unknown };
      return isYear(v.startYear) && isYear(v.endYear);
    },
  })
    .superRefine((a, ctx) => addIssues(ctx, confirmationIssues(a, intent)), {
      when: ({ value }) =>
        typeof (value as { notOrdinaryActivity?: unknown }).notOrdinaryActivity === "boolean",
    })
    .superRefine((a, ctx) => addIssues(ctx, contentIssues(a, intent)));
}

/** The calendar years from `startYear` to `endYear`. */
export function periodYears(startYear: number, endYear: number): number[] {
  return Array.from({ length: Math.max(0, endYear - startYear + 1) }, (_, i) => startYear + i);
}

/** A saved application as the form and the rules see it. */
export interface ApplicationRecord {
  estateId: number;
  title: string;
  description: RichText | null;
  purpose: RichText | null;
  need: FundNeed;
  notOrdinaryActivity: boolean;
  startYear: number;
  endYear: number;
  tenancies: number | null;
  years: readonly { year: number; requestedAmount: number; ownContribution: number }[];
  funding: readonly {
    kind: FundFundingKind;
    planId: number | null;
    name: string | null;
    amount: number;
  }[];
}

/** The record as parsed values (e.g. to submit what is saved). */
export function applicationValuesFromRecord(record: ApplicationRecord): ApplicationValues {
  return {
    estateId: record.estateId,
    title: record.title,
    description: record.description ?? { blocks: [] },
    purpose: record.purpose ?? { blocks: [] },
    need: record.need,
    notOrdinaryActivity: record.notOrdinaryActivity,
    startYear: record.startYear,
    endYear: record.endYear,
    tenancies: record.tenancies,
    years: record.years.map((y) => ({ ...y })),
    funding: record.funding.map((f) => ({ ...f })),
  };
}

/**
 * The form's values (strings, as the inputs hold them) for a saved application, with one budget
 * row per year of its period. A new application gets `defaults`: the estate, its tenancies and
 * the first year (typically next year; the caller knows the date, this module has no clock).
 */
export function applicationFormValues(
  record: ApplicationRecord | null,
  defaults: { estateId?: number | null; tenancies?: number | null; startYear?: number } = {},
) {
  const startYear = record?.startYear ?? defaults.startYear ?? null;
  const endYear = record?.endYear ?? startYear;
  const byYear = new Map(record?.years.map((y) => [y.year, y]));
  const text = (value: number | null | undefined) => (value == null ? "" : String(value));
  return {
    estateId: text(record?.estateId ?? defaults.estateId),
    title: record?.title ?? "",
    description: richTextToMarkdown(record?.description ?? null),
    purpose: richTextToMarkdown(record?.purpose ?? null),
    need: record?.need ?? "preventive",
    notOrdinaryActivity: record?.notOrdinaryActivity ?? false,
    startYear: text(startYear),
    endYear: text(endYear),
    tenancies: text(record ? record.tenancies : defaults.tenancies),
    years: (startYear == null || endYear == null ? [] : periodYears(startYear, endYear)).map(
      (year) => ({
        year: String(year),
        requestedAmount: text(byYear.get(year)?.requestedAmount),
        ownContribution: text(byYear.get(year)?.ownContribution),
      }),
    ),
    funding: (record?.funding ?? []).map((f) => ({
      kind: f.kind,
      planId: text(f.planId),
      name: f.name ?? "",
      amount: String(f.amount),
    })),
  };
}
