/**
 * A dispositionsfond's house rules (DESIGN.md R7) as data: the settings, their defaults and the
 * settings form's schema with its yearly frames.
 */
import { type RichText, richTextToMarkdown } from "../rich-text";
import {
  z,
  amountField,
  checkbox,
  monthDayField,
  reportDueFormText,
  requiredText,
  richTextField,
} from "../zod";
import { DEFAULT_REMINDER_OFFSET_DAYS } from "../notification-kinds";
import { reminderOffsetsField, reminderOffsetsFormText } from "../reminders";
import { isBlank, yearField } from "./internal";

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
    /** Days relative to each grant report's deadline; absent from the form: keep the stored ones. */
    reminderOffsetDays: reminderOffsetsField,
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
  fund:
    | (FundSettings & {
        name: string;
        guidelines: RichText | null;
        reminderOffsetDays?: readonly number[];
      })
    | null,
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
    reminderOffsetDays: reminderOffsetsFormText(
      fund?.reminderOffsetDays ?? DEFAULT_REMINDER_OFFSET_DAYS,
    ),
    frames: frames.map((fr) => ({ year: String(fr.year), amount: String(fr.amount) })),
  };
}
