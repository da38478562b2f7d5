/**
 * The dispositionsfond (DESIGN.md R7): a housing organisation's own fund that its estates apply
 * to. The fund's house rules are data (`FundSettings`), so the application schema is built from
 * them (`applicationSchema(fund)`) and the same rule functions run in the browser, in the route
 * and in the model. Everything a reviewer sees is computed here, never typed: budget totals, the
 * own contribution's share, the amount per tenancy, the guideline checklist, the frame overview
 * and the deadlines of the yearly grant reports. Pure and client-safe; amounts are whole kroner.
 */
import type { FieldErrors } from "./form";
import { amountField, richTextField } from "./agreement";
import { formatAmount, formatPercent } from "./format";
import { monthDayField, reportDueFormText } from "./plan";
import { formatReportDue, reportDeadline } from "./reporting";
import { deadlineState, type DeadlineState } from "./revision";
import { isRichTextEmpty, richTextToMarkdown, type RichText } from "./rich-text";
import {
  z,
  checkbox,
  isoDate,
  optionalId,
  optionalText,
  optionalWholeNumber,
  requiredId,
  requiredText,
} from "./zod";

// --- statuses and labels --------------------------------------------------------------------

export const FUND_APPLICATION_STATUSES = [
  "draft",
  "submitted",
  "approved",
  "approved_reduced",
  "rejected",
  "withdrawn",
] as const;
export type FundApplicationStatus = (typeof FUND_APPLICATION_STATUSES)[number];

export const fundApplicationStatusLabels: Record<FundApplicationStatus, string> = {
  draft: "Kladde",
  submitted: "Indsendt",
  approved: "Bevilget",
  approved_reduced: "Bevilget med lavere beløb",
  rejected: "Afslået",
  withdrawn: "Trukket tilbage",
};

/** The organisation board's possible decisions; also the statuses of a decided application. */
export const FUND_DECISIONS = ["approved", "approved_reduced", "rejected"] as const;
export type FundDecision = (typeof FUND_DECISIONS)[number];

export const fundDecisionLabels: Record<FundDecision, string> = {
  approved: "Bevilget som ansøgt",
  approved_reduced: "Bevilget med lavere beløb",
  rejected: "Afslået",
};

/** A decided application never changes (enforced by the database too). */
export function isDecided(status: FundApplicationStatus): status is FundDecision {
  return (FUND_DECISIONS as readonly string[]).includes(status);
}

export const FUND_NEEDS = ["preventive", "acute"] as const;
export type FundNeed = (typeof FUND_NEEDS)[number];

export const fundNeedLabels: Record<FundNeed, string> = {
  preventive: "Forebyggende indsats",
  acute: "Akut behov",
};

export const FUND_RECOMMENDATIONS = ["approve", "approve_reduced", "reject"] as const;
export type FundRecommendation = (typeof FUND_RECOMMENDATIONS)[number];

export const fundRecommendationLabels: Record<FundRecommendation, string> = {
  approve: "Indstilles til bevilling",
  approve_reduced: "Indstilles til bevilling med lavere beløb",
  reject: "Indstilles til afslag",
};

export const FUND_FUNDING_KINDS = ["lbf_plan", "external"] as const;
export type FundFundingKind = (typeof FUND_FUNDING_KINDS)[number];

export const fundFundingKindLabels: Record<FundFundingKind, string> = {
  lbf_plan: "Boligsocial helhedsplan (Landsbyggefonden)",
  external: "Anden fond eller pulje",
};

export const FUND_REPORT_STATUSES = ["draft", "submitted"] as const;
export type FundReportStatus = (typeof FUND_REPORT_STATUSES)[number];

export const fundReportStatusLabels: Record<FundReportStatus, string> = {
  draft: "Kladde",
  submitted: "Indsendt",
};

// --- who may do what ------------------------------------------------------------------------

/**
 * A user's effective role on a fund: administrators act as fund administrators everywhere; a
 * fund_admin membership of the housing organisation covers the fund and all its applications;
 * an applicant membership covers the applications of that one estate.
 */
export type FundRole = "admin" | "fund_admin" | "applicant";

export const fundRoleLabels: Record<FundRole, string> = {
  admin: "Administrator",
  fund_admin: "Fondsadministrator",
  applicant: "Ansøger",
};

/** Administrators and the fund's administrators manage the fund, assess and record decisions. */
export function isFundManager(role: FundRole | null | undefined): boolean {
  return role === "admin" || role === "fund_admin";
}

export interface FundApplicationPermissions {
  /** Save the draft (applicant or fund administration). */
  canEdit: boolean;
  canSubmit: boolean;
  canWithdraw: boolean;
  /** Write the assessment and recommendation (fund administration, submitted only). */
  canAssess: boolean;
  /** Record the organisation board's decision (fund administration, submitted only). */
  canDecide: boolean;
}

/** What the user may do with an application now: the UI shows these, the models enforce them. */
export function applicationPermissions(
  role: FundRole,
  status: FundApplicationStatus,
): FundApplicationPermissions {
  const manager = isFundManager(role);
  return {
    canEdit: status === "draft",
    canSubmit: status === "draft",
    canWithdraw: status === "draft" || status === "submitted",
    canAssess: manager && status === "submitted",
    canDecide: manager && status === "submitted",
  };
}

/** Why an application cannot be changed now (the LockedError's message), or null when it can. */
export function applicationLockMessage(status: FundApplicationStatus): string | null {
  if (isDecided(status)) {
    return "Ansøgningen er afgjort af organisationsbestyrelsen og kan ikke ændres.";
  }
  if (status === "submitted") {
    return "Ansøgningen er indsendt og kan ikke ændres. Træk den tilbage, hvis den skal rettes.";
  }
  if (status === "withdrawn") return "Ansøgningen er trukket tilbage og kan ikke ændres.";
  return null;
}

// --- the fund's settings --------------------------------------------------------------------

/** The fund's house rules as the rules below use them. */
export interface FundSettings {
  /** The longest period an application may cover, in calendar years. */
  maxYears: number;
  /** The own contribution's minimum share of the total budget, in percent; null = none. */
  minOwnSharePercent: number | null;
  /** The most the fund gives per tenancy per year, in kroner; null = no maximum. */
  maxAmountPerTenancy: number | null;
  prioritiseLbfCofinancing: boolean;
  prioritiseAcute: boolean;
  /** "MM-DD": the report on grant year Y is due that day in Y + 1. */
  reportDueMonthDay: string;
}

export const DEFAULT_FUND_MAX_YEARS = 4;
export const DEFAULT_FUND_REPORT_DUE_MONTH_DAY = "03-31";

export const DEFAULT_FUND_SETTINGS: FundSettings = {
  maxYears: DEFAULT_FUND_MAX_YEARS,
  minOwnSharePercent: null,
  maxAmountPerTenancy: null,
  prioritiseLbfCofinancing: true,
  prioritiseAcute: true,
  reportDueMonthDay: DEFAULT_FUND_REPORT_DUE_MONTH_DAY,
};

const isBlank = (v: unknown) => v == null || (typeof v === "string" && v.trim() === "");

/** A required calendar year ("2026"). */
function yearField(message = "Skriv et årstal, fx 2026") {
  return z.preprocess(
    (v) => (isBlank(v) ? undefined : Number(v)),
    z
      .number({ error: message })
      .int({ error: message })
      .min(2000, { error: message })
      .max(2100, { error: message }),
  );
}

/** Whole kroner, or null when left empty ("no maximum"). */
function optionalAmountField(message?: string) {
  return z.preprocess((v) => (isBlank(v) ? null : v), amountField(message).nullable());
}

const PERCENT_MESSAGE = "Skriv en procentsats mellem 0 og 100, fx 10";
const MAX_YEARS_MESSAGE = "Angiv det største antal år, fonden støtter (1–10)";

/** The report deadline typed day first ("31-03", "31.3"), stored "MM-DD"; empty is 31 March. */
const reportDueMonthDayField = monthDayField(DEFAULT_FUND_REPORT_DUE_MONTH_DAY);

export const FundFrameRowSchema = z.object({
  year: yearField(),
  amount: amountField(),
});

/** The fund administrator's form: the guidelines as values and text, and the yearly frames. */
export const FundSettingsSchema = z
  .object({
    name: requiredText("Skriv fondens navn", 200),
    guidelines: richTextField(),
    maxYears: z.preprocess(
      (v) => (isBlank(v) ? DEFAULT_FUND_MAX_YEARS : Number(v)),
      z
        .number({ error: MAX_YEARS_MESSAGE })
        .int({ error: MAX_YEARS_MESSAGE })
        .min(1, { error: MAX_YEARS_MESSAGE })
        .max(10, { error: MAX_YEARS_MESSAGE }),
    ),
    minOwnSharePercent: z.preprocess(
      (v) => (isBlank(v) ? null : typeof v === "string" ? Number(v.replace(/\s|%/g, "")) : v),
      z
        .number({ error: PERCENT_MESSAGE })
        .int({ error: PERCENT_MESSAGE })
        .min(0, { error: PERCENT_MESSAGE })
        .max(100, { error: PERCENT_MESSAGE })
        .nullable(),
    ),
    maxAmountPerTenancy: optionalAmountField(),
    prioritiseLbfCofinancing: checkbox,
    prioritiseAcute: checkbox,
    reportDueMonthDay: reportDueMonthDayField,
    /** Rows left completely empty in the form are dropped. */
    frames: z.preprocess(
      (v) =>
        (Array.isArray(v) ? v : v && typeof v === "object" ? Object.values(v) : []).filter(
          (row: unknown) => {
            const r = (row ?? {}) as { year?: unknown; amount?: unknown };
            return !(isBlank(r.year) && isBlank(r.amount));
          },
        ),
      z.array(FundFrameRowSchema).max(50),
    ),
  })
  .superRefine((fund, ctx) => {
    const seen = new Set<number>();
    fund.frames.forEach((frame, i) => {
      if (seen.has(frame.year)) {
        ctx.addIssue({
          code: "custom",
          path: ["frames", i, "year"],
          message: "Året har allerede en ramme",
        });
      }
      seen.add(frame.year);
    });
  });
export type FundSettingsValues = z.output<typeof FundSettingsSchema>;

/** The settings form's values from a saved fund (or the defaults for a new one). */
export function fundSettingsFormValues(
  fund: (FundSettings & { name: string; guidelines: RichText | null }) | null,
  frames: readonly { year: number; amount: number }[],
  defaultName = "",
) {
  const f = fund ?? { ...DEFAULT_FUND_SETTINGS, name: defaultName, guidelines: null };
  return {
    name: f.name,
    guidelines: richTextToMarkdown(f.guidelines),
    maxYears: String(f.maxYears),
    minOwnSharePercent: f.minOwnSharePercent == null ? "" : String(f.minOwnSharePercent),
    maxAmountPerTenancy: f.maxAmountPerTenancy == null ? "" : String(f.maxAmountPerTenancy),
    prioritiseLbfCofinancing: f.prioritiseLbfCofinancing,
    prioritiseAcute: f.prioritiseAcute,
    reportDueMonthDay: reportDueFormText(f.reportDueMonthDay),
    frames: frames.map((fr) => ({ year: String(fr.year), amount: String(fr.amount) })),
  };
}

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

function addIssues<T>(ctx: z.core.$RefinementCtx<T>, issues: readonly RuleIssue[]): void {
  for (const issue of issues) ctx.addIssue({ code: "custom", ...issue });
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

// --- computed figures -----------------------------------------------------------------------

export interface ApplicationBudgetInput {
  startYear: number;
  endYear: number;
  years: readonly { year: number; requestedAmount: number; ownContribution: number }[];
  funding: readonly { kind: FundFundingKind; amount: number }[];
  tenancies: number | null;
}

export interface ApplicationYearTotal {
  year: number;
  requested: number;
  own: number;
  /** Requested + own contribution (other funding is given for the whole period only). */
  total: number;
  /** Kroner requested per tenancy this year; null without tenancies. */
  perTenancy: number | null;
}

export interface ApplicationTotals {
  /** Every year of the period (and any budget row outside it), in order. */
  years: ApplicationYearTotal[];
  requested: number;
  own: number;
  /** All other funding over the period … */
  other: number;
  /** … of which LBF plans it co-finances … */
  lbfPlans: number;
  /** … and external funds. */
  external: number;
  /** The total budget: requested + own + other. */
  total: number;
  /** The own contribution's share of the total budget (0–1); null when nothing is budgeted. */
  ownShare: number | null;
  /** Requested per tenancy per year, averaged over the period; null without tenancies. */
  perTenancyPerYear: number | null;
  /** The highest year's amount per tenancy (what a maximum per year is checked against). */
  highestPerTenancy: number | null;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Totals per year and overall, the own share and the amounts per tenancy. */
export function computeApplicationTotals(input: ApplicationBudgetInput): ApplicationTotals {
  const yearSet = new Set([
    ...periodYears(input.startYear, input.endYear),
    ...input.years.map((y) => y.year),
  ]);
  const tenancies = input.tenancies && input.tenancies > 0 ? input.tenancies : null;
  const years = [...yearSet]
    .sort((a, b) => a - b)
    .map((year): ApplicationYearTotal => {
      const rows = input.years.filter((y) => y.year === year);
      const requested = sum(rows.map((r) => r.requestedAmount));
      const own = sum(rows.map((r) => r.ownContribution));
      return {
        year,
        requested,
        own,
        total: requested + own,
        perTenancy: tenancies ? requested / tenancies : null,
      };
    });
  const requested = sum(years.map((y) => y.requested));
  const own = sum(years.map((y) => y.own));
  const lbfPlans = sum(input.funding.filter((f) => f.kind === "lbf_plan").map((f) => f.amount));
  const external = sum(input.funding.filter((f) => f.kind === "external").map((f) => f.amount));
  const other = lbfPlans + external;
  const total = requested + own + other;
  const periodLength = periodYears(input.startYear, input.endYear).length || years.length || 1;
  return {
    years,
    requested,
    own,
    other,
    lbfPlans,
    external,
    total,
    ownShare: total > 0 ? own / total : null,
    perTenancyPerYear: tenancies ? requested / periodLength / tenancies : null,
    highestPerTenancy: tenancies ? Math.max(0, ...years.map((y) => y.perTenancy ?? 0)) : null,
  };
}

export type ChecklistState = "ok" | "warn" | "fail" | "info";

export const CHECKLIST_KEYS = [
  "period",
  "notOrdinary",
  "lbfCofinancing",
  "need",
  "ownShare",
  "perTenancy",
] as const;
export type ChecklistKey = (typeof CHECKLIST_KEYS)[number];

export interface ChecklistItem {
  key: ChecklistKey;
  label: string;
  state: ChecklistState;
  detail: string;
}

export interface ChecklistInput extends ApplicationBudgetInput {
  need: FundNeed;
  notOrdinaryActivity: boolean;
  funding: readonly {
    kind: FundFundingKind;
    amount: number;
    name?: string | null;
    /** The linked plan's name, when the plan is in the system. */
    planName?: string | null;
  }[];
}

/** Whole kroner for a figure that may have øre (an amount per tenancy). */
const kroner = (value: number) => formatAmount(Math.round(value));

/**
 * The guideline checklist of an application (R7), computed from its data: the period (fail
 * beyond the fund's maximum), the not-ordinary confirmation (fail without it), co-financing of an
 * LBF plan and acute need (priorities, informative), the own contribution's share and the amount
 * per tenancy against the fund's limits (warnings: the board may still decide otherwise).
 */
export function applicationChecklist(
  application: ChecklistInput,
  fund: FundSettings,
): ChecklistItem[] {
  const totals = computeApplicationTotals(application);
  const years = application.endYear - application.startYear + 1;
  const items: ChecklistItem[] = [];

  items.push({
    key: "period",
    label: `Perioden er højst ${fund.maxYears} år`,
    state: years >= 1 && years <= fund.maxYears ? "ok" : "fail",
    detail:
      years === 1
        ? `${application.startYear} (1 år)`
        : `${application.startYear}–${application.endYear} (${years} år)`,
  });

  items.push({
    key: "notOrdinary",
    label: "Ekstraordinær social indsats, ikke en almindelig fællesaktivitet",
    state: application.notOrdinaryActivity ? "ok" : "fail",
    detail: application.notOrdinaryActivity
      ? "Ansøgeren har bekræftet, at indsatsen ikke er en almindelig fællesaktivitet."
      : "Ansøgeren har ikke bekræftet, at indsatsen ikke er en almindelig fællesaktivitet.",
  });

  const plans = application.funding.filter((f) => f.kind === "lbf_plan");
  const planNames = plans.map((p) => p.planName ?? p.name).filter((n): n is string => Boolean(n));
  items.push({
    key: "lbfCofinancing",
    label: "Medfinansiering af en boligsocial helhedsplan",
    state: plans.length && fund.prioritiseLbfCofinancing ? "ok" : "info",
    detail: plans.length
      ? `Medfinansierer ${planNames.join(", ") || "en helhedsplan"} (${formatAmount(totals.lbfPlans)}).${
          fund.prioritiseLbfCofinancing ? " Prioriteres efter fondens retningslinjer." : ""
        }`
      : "Medfinansierer ikke en helhedsplan.",
  });

  items.push({
    key: "need",
    label: "Akut eller forebyggende behov",
    state: "info",
    detail:
      application.need === "acute"
        ? `Akut behov.${fund.prioritiseAcute ? " Akutte behov prioriteres efter fondens retningslinjer." : ""}`
        : "Forebyggende indsats.",
  });

  const share = totals.ownShare;
  const shareText =
    share == null
      ? "Der er endnu intet budget."
      : `Egenfinansieringen er ${formatAmount(totals.own)} af ${formatAmount(totals.total)} (${formatPercent(share)}).`;
  const minimum = fund.minOwnSharePercent;
  items.push({
    key: "ownShare",
    label:
      minimum == null ? "Afdelingens egenfinansiering" : `Egenfinansiering mindst ${minimum} %`,
    state: minimum == null ? "info" : share != null && share * 100 >= minimum ? "ok" : "warn",
    detail:
      minimum != null && (share == null || share * 100 < minimum)
        ? `${shareText} Fonden forventer mindst ${minimum} %.`
        : shareText,
  });

  const maximum = fund.maxAmountPerTenancy;
  const highest = totals.highestPerTenancy;
  let perTenancy: Pick<ChecklistItem, "state" | "detail">;
  if (highest == null) {
    perTenancy = { state: maximum == null ? "info" : "warn", detail: "Antal lejemål mangler." };
  } else {
    const text = `Højst ${kroner(highest)} pr. lejemål i et år (${application.tenancies} lejemål), gennemsnitligt ${kroner(totals.perTenancyPerYear ?? 0)} pr. år.`;
    perTenancy =
      maximum == null
        ? { state: "info", detail: text }
        : highest <= maximum
          ? { state: "ok", detail: text }
          : {
              state: "warn",
              detail: `${text} Fondens maksimum er ${formatAmount(maximum)} pr. lejemål pr. år.`,
            };
  }
  items.push({
    key: "perTenancy",
    label:
      maximum == null
        ? "Beløb pr. lejemål pr. år"
        : `Højst ${formatAmount(maximum)} pr. lejemål pr. år`,
    ...perTenancy,
  });

  return items;
}

// --- assessment and decision ----------------------------------------------------------------

/** The fund administration's assessment and recommendation to the organisation board. */
export const FundAssessmentSchema = z.object({
  assessment: requiredText("Skriv fondsadministrationens vurdering af ansøgningen", 10_000, {
    multiline: true,
  }),
  recommendation: z.enum(FUND_RECOMMENDATIONS, { error: "Vælg en indstilling" }),
});
export type FundAssessmentValues = z.output<typeof FundAssessmentSchema>;

const FundDecisionFieldsSchema = z.object({
  decision: z.enum(FUND_DECISIONS, { error: "Vælg organisationsbestyrelsens afgørelse" }),
  decisionDate: isoDate("Angiv datoen for organisationsbestyrelsens afgørelse"),
  conditions: optionalText(5000, { multiline: true }),
  /** The granted amount per year; only read for "approved_reduced". */
  amounts: z.preprocess(
    (v) => v ?? [],
    z.array(z.object({ year: yearField(), amount: amountField() })).max(20),
  ),
});
export type FundDecisionValues = z.output<typeof FundDecisionFieldsSchema>;

export type RequestedYear = { year: number; requestedAmount: number };

/**
 * The decision's rules against what was requested: approved grants the requested amounts; with
 * a lower amount, every year that was applied for gets an amount above 0 and at most the
 * requested one, and at least one year is lower.
 */
export function decisionIssues(
  decision: FundDecisionValues,
  requested: readonly RequestedYear[],
): RuleIssue[] {
  if (decision.decision !== "approved_reduced") return [];
  const issues: RuleIssue[] = [];
  const applied = new Map(
    requested.filter((r) => r.requestedAmount > 0).map((r) => [r.year, r.requestedAmount]),
  );
  const given = new Set<number>();
  let lower = false;
  decision.amounts.forEach((row, i) => {
    const max = applied.get(row.year);
    if (max == null || given.has(row.year)) {
      issues.push({
        path: ["amounts", i, "year"],
        message: given.has(row.year)
          ? "Året står der allerede"
          : "Der er ikke søgt om støtte i dette år",
      });
      return;
    }
    given.add(row.year);
    if (row.amount <= 0) {
      issues.push({
        path: ["amounts", i, "amount"],
        message: "Beløbet skal være større end 0. Vælg «Afslået», hvis intet bevilges",
      });
    } else if (row.amount > max) {
      issues.push({
        path: ["amounts", i, "amount"],
        message: `Beløbet må højst være det ansøgte (${formatAmount(max)})`,
      });
    } else if (row.amount < max) {
      lower = true;
    }
  });
  const missing = [...applied.keys()].filter((y) => !given.has(y));
  if (missing.length) {
    issues.push({
      path: ["amounts"],
      message: `Angiv det bevilgede beløb for hvert år, der er søgt om (mangler: ${missing.join(", ")})`,
    });
  } else if (!issues.length && !lower) {
    issues.push({
      path: ["amounts"],
      message:
        "Mindst ét år skal have et lavere beløb end ansøgt. Ellers vælg «Bevilget som ansøgt»",
    });
  }
  return issues;
}

/** The decision form's schema for an application with these requested amounts. */
export function decisionSchema(requested: readonly RequestedYear[]) {
  return FundDecisionFieldsSchema.superRefine((d, ctx) =>
    addIssues(ctx, decisionIssues(d, requested)),
  );
}

/**
 * The grant's amount per year for a (valid) decision: the requested amounts when approved, the
 * decided ones when approved with a lower amount, nothing when rejected. Years without an amount
 * are left out.
 */
export function grantAmounts(
  decision: Pick<FundDecisionValues, "decision" | "amounts">,
  requested: readonly RequestedYear[],
): { year: number; amount: number }[] {
  const rows =
    decision.decision === "approved"
      ? requested.map((r) => ({ year: r.year, amount: r.requestedAmount }))
      : decision.decision === "approved_reduced"
        ? decision.amounts.map((a) => ({ year: a.year, amount: a.amount }))
        : [];
  return rows.filter((r) => r.amount > 0).sort((a, b) => a.year - b.year);
}

// --- the frame overview ---------------------------------------------------------------------

export interface FrameYear {
  year: number;
  /** The year's frame; null when none is set. */
  frame: number | null;
  /** Granted so far. */
  committed: number;
  /** Frame − committed; null without a frame. */
  remaining: number | null;
  /** What the decision under consideration would add. */
  proposed: number;
  /** Remaining after the proposed decision; null without a frame. */
  remainingAfter: number | null;
  /** Committed + proposed is more than the frame: a warning, not a block. */
  exceeds: boolean;
  /** Something is committed or proposed in a year without a frame. */
  noFrame: boolean;
  /** The Danish warning for the year, or null. */
  warning: string | null;
}

export interface FrameOverview {
  years: FrameYear[];
  total: { frame: number; committed: number; proposed: number };
  /** Any year exceeded or without a frame. */
  hasWarnings: boolean;
}

type YearAmount = { year: number; amount: number };

function byYear(rows: readonly YearAmount[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const r of rows) map.set(r.year, (map.get(r.year) ?? 0) + r.amount);
  return map;
}

/**
 * The fund's frame per year against what is committed (the grant years of all grants) and,
 * optionally, what a decision under consideration would add. `years` are the years to show.
 */
export function frameOverview(
  frames: readonly YearAmount[],
  grants: readonly YearAmount[],
  years: readonly number[],
  pending: readonly YearAmount[] = [],
): FrameOverview {
  const frameBy = byYear(frames);
  const committedBy = byYear(grants);
  const pendingBy = byYear(pending);
  const rows = [...new Set(years)]
    .sort((a, b) => a - b)
    .map((year): FrameYear => {
      const frame = frameBy.has(year) ? frameBy.get(year)! : null;
      const committed = committedBy.get(year) ?? 0;
      const proposed = pendingBy.get(year) ?? 0;
      const exceeds = frame != null && committed + proposed > frame;
      const noFrame = frame == null && committed + proposed > 0;
      const remainingAfter = frame == null ? null : frame - committed - proposed;
      return {
        year,
        frame,
        committed,
        remaining: frame == null ? null : frame - committed,
        proposed,
        remainingAfter,
        exceeds,
        noFrame,
        warning: exceeds
          ? `Rammen for ${year} overskrides med ${formatAmount(-remainingAfter!)}`
          : noFrame
            ? `Der er ikke fastsat en ramme for ${year}`
            : null,
      };
    });
  return {
    years: rows,
    total: {
      frame: sum(rows.map((r) => r.frame ?? 0)),
      committed: sum(rows.map((r) => r.committed)),
      proposed: sum(rows.map((r) => r.proposed)),
    },
    hasWarnings: rows.some((r) => r.warning != null),
  };
}

// --- yearly reports on grants ---------------------------------------------------------------

/** A grant year's report may be written once the year has started. */
export function hasYearStarted(year: number, today: string): boolean {
  return year <= Number(today.slice(0, 4));
}

export interface GrantForDeadlines {
  grantId: number;
  applicationId: number;
  title: string;
  estateName: string;
  fundName?: string;
  years: readonly YearAmount[];
  reports: readonly { year: number; status: FundReportStatus }[];
}

export interface GrantReportDeadline {
  grantId: number;
  applicationId: number;
  title: string;
  estateName: string;
  fundName: string | null;
  /** The grant year reported on. */
  year: number;
  /** The year's granted amount. */
  amount: number;
  /** yyyy-MM-dd */
  due: string;
  /** A submitted report is never overdue. */
  state: DeadlineState;
  reportStatus: FundReportStatus | null;
  submitted: boolean;
}

const stateOrder: Record<DeadlineState, number> = { overdue: 0, soon: 1, ok: 2 };

/** Reports still to write first (overdue, then soon), then the earliest due, then by title. */
export function compareGrantReportDeadlines(
  a: GrantReportDeadline,
  b: GrantReportDeadline,
): number {
  return (
    Number(a.submitted) - Number(b.submitted) ||
    stateOrder[a.state] - stateOrder[b.state] ||
    a.due.localeCompare(b.due) ||
    a.title.localeCompare(b.title, "da")
  );
}

/**
 * The report deadline of every grant year that has ended (before `today`'s year): due on the
 * fund's day in the following year, overdue/soon/ok, and whether the report is submitted.
 */
export function grantReportDeadlines(
  grants: readonly GrantForDeadlines[],
  fund: Pick<FundSettings, "reportDueMonthDay">,
  today: string,
): GrantReportDeadline[] {
  const currentYear = Number(today.slice(0, 4));
  return grants
    .flatMap((grant) =>
      grant.years
        .filter((y) => y.year < currentYear)
        .map((y): GrantReportDeadline => {
          const due = reportDeadline(y.year, fund.reportDueMonthDay);
          const reportStatus = grant.reports.find((r) => r.year === y.year)?.status ?? null;
          const submitted = reportStatus === "submitted";
          return {
            grantId: grant.grantId,
            applicationId: grant.applicationId,
            title: grant.title,
            estateName: grant.estateName,
            fundName: grant.fundName ?? null,
            year: y.year,
            amount: y.amount,
            due,
            state: submitted ? "ok" : deadlineState(due, today),
            reportStatus,
            submitted,
          };
        }),
    )
    .sort(compareGrantReportDeadlines);
}

// --- the yearly report form ---------------------------------------------------------------

export type FundReportIntent = "save" | "submit";

const FundReportFieldsSchema = z.object({
  spent: amountField(),
  activities: richTextField(),
});
export type FundReportValues = z.output<typeof FundReportFieldsSchema>;

/** To submit, the report describes the year's activities. */
export function fundReportIssues(values: FundReportValues, intent: FundReportIntent): RuleIssue[] {
  return intent === "submit" && isRichTextEmpty(values.activities)
    ? [{ path: ["activities"], message: "Beskriv årets aktiviteter og resultater" }]
    : [];
}

export function fundReportSchema(intent: FundReportIntent = "save") {
  return FundReportFieldsSchema.superRefine((r, ctx) =>
    addIssues(ctx, fundReportIssues(r, intent)),
  );
}

// --- the pages' helpers ----------------------------------------------------------------------

/** A checklist item's state in words: the pages show it beside its icon, never by colour alone. */
export const checklistStateLabels: Record<ChecklistState, string> = {
  ok: "Opfyldt",
  warn: "Bør vurderes",
  fail: "Ikke opfyldt",
  info: "Til orientering",
};

/** The fund's house rules as short lines for applicants ("Støtte i højst 4 år", …). */
export function fundGuidelineItems(fund: FundSettings): string[] {
  const items = [`Støtte i højst ${fund.maxYears} år`];
  if (fund.minOwnSharePercent != null) {
    items.push(`Egenfinansiering mindst ${fund.minOwnSharePercent} %`);
  }
  if (fund.maxAmountPerTenancy != null) {
    items.push(`Højst ${formatAmount(fund.maxAmountPerTenancy)} pr. lejemål pr. år`);
  }
  items.push("Kun ekstraordinære sociale indsatser, ikke almindelige fællesaktiviteter");
  if (fund.prioritiseLbfCofinancing) {
    items.push("Medfinansiering af boligsociale helhedsplaner prioriteres");
  }
  if (fund.prioritiseAcute) items.push("Akutte behov prioriteres");
  items.push(
    `Forbrug og aktiviteter afrapporteres for hvert år senest ${formatReportDue(fund.reportDueMonthDay)} året efter`,
  );
  return items;
}

/** A budget row as the application form holds it. */
export interface BudgetRowFormValues {
  year: string;
  requestedAmount: string;
  ownContribution: string;
}

/** The most budget rows the form offers (the schema's limit). */
const MAX_BUDGET_ROWS = 20;

const formYear = (value: unknown): number | null => {
  const text = typeof value === "number" ? String(value) : typeof value === "string" ? value : "";
  return /^\s*\d{4}\s*$/.test(text) && Number(text) >= 2000 && Number(text) <= 2100
    ? Number(text)
    : null;
};

/**
 * The application form's budget rows for the period typed in it: one row per year from the
 * first to the last year, keeping what was typed for each year (or, from `remembered`, for a year
 * whose row was dropped earlier). Null when the period cannot be read: not two years, the end
 * before the start, or more years than the form offers.
 */
export function budgetRowsForPeriod(
  rows: unknown,
  startYear: unknown,
  endYear: unknown,
  remembered: ReadonlyMap<number, BudgetRowFormValues> = new Map(),
): BudgetRowFormValues[] | null {
  const start = formYear(startYear);
  const end = formYear(endYear);
  if (start == null || end == null || end < start || end - start + 1 > MAX_BUDGET_ROWS) {
    return null;
  }
  const list: unknown[] = Array.isArray(rows)
    ? rows
    : rows && typeof rows === "object"
      ? Object.values(rows)
      : [];
  const typed = new Map<number, BudgetRowFormValues>();
  for (const row of list) {
    const r = (row ?? {}) as Record<string, unknown>;
    const year = formYear(r.year);
    if (year == null || typed.has(year)) continue;
    typed.set(year, {
      year: String(year),
      requestedAmount: typeof r.requestedAmount === "string" ? r.requestedAmount : "",
      ownContribution: typeof r.ownContribution === "string" ? r.ownContribution : "",
    });
  }
  return periodYears(start, end).map(
    (year) =>
      typed.get(year) ??
      remembered.get(year) ?? { year: String(year), requestedAmount: "", ownContribution: "" },
  );
}

/** Withdrawing is final, so the form asks for a confirmation. */
export const WithdrawApplicationSchema = z.object({
  confirm: checkbox.refine((confirmed) => confirmed, {
    error: "Bekræft, at ansøgningen skal trækkes tilbage",
  }),
});

/** The assessment form's values: the saved assessment, if any. */
export function assessmentFormValues(application: {
  assessment: string | null;
  recommendation: FundRecommendation | null;
}) {
  return {
    assessment: application.assessment ?? "",
    recommendation: application.recommendation ?? "",
  };
}

/**
 * The decision form's values: no decision chosen, today's date, and per year applied for the
 * requested amount (what "approved with a lower amount" starts from).
 */
export function decisionFormValues(requested: readonly RequestedYear[], today: string) {
  return {
    decision: "",
    decisionDate: today,
    conditions: "",
    amounts: requested
      .filter((r) => r.requestedAmount > 0)
      .map((r) => ({ year: String(r.year), amount: String(r.requestedAmount) })),
  };
}

/** The yearly report form's values from the saved report (empty before the first save). */
export function fundReportFormValues(
  report: { spent: number; activities: RichText | null } | null,
) {
  return {
    spent: report ? String(report.spent) : "",
    activities: richTextToMarkdown(report?.activities ?? null),
  };
}
