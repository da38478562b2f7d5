/**
 * Measurements (målinger): the actual value of a success criterion in a year, its status, and the
 * status suggested from value, baseline and target. Client-safe: the grid form validates with the
 * same schema in the browser and on the server, and shows the same suggestion while the user types.
 */
import type { LogMetric } from "./activity-log";
import { optionalDecimal } from "./agreement";
import { formatNumber } from "./format";
import type { CriterionView } from "./agreement-view";
import type { PlanAccessRole } from "./roles";
import { MAX_INT, optionalText, requiredId, z } from "./zod";

export const MEASUREMENT_STATUSES = ["met", "partly_met", "not_met", "not_measured"] as const;
export type MeasurementStatus = (typeof MEASUREMENT_STATUSES)[number];

export const measurementStatusLabels: Record<MeasurementStatus, string> = {
  met: "Opfyldt",
  partly_met: "Delvist opfyldt",
  not_met: "Ikke opfyldt",
  not_measured: "Ikke målt",
};

/** A criterion without a measurement in the year. */
export const NO_MEASUREMENT_LABEL = "Ikke registreret";

/** The badge class that colours a status (the label is always shown too: never colour alone). */
export const measurementStatusClasses: Record<MeasurementStatus, string> = {
  met: "badge badge-ok",
  partly_met: "badge badge-warn",
  not_met: "badge badge-danger",
  not_measured: "badge",
};

/** Plan roles that may enter measurements (admins always may); board and viewers only read. */
export const MEASUREMENT_EDITOR_ROLES = ["reporter", "secretariat"] as const;

export function canEnterMeasurements(role: PlanAccessRole | null | undefined): boolean {
  return role === "admin" || (MEASUREMENT_EDITOR_ROLES as readonly string[]).includes(role ?? "");
}

export interface SuggestStatusInput {
  baselineValue: number | null | undefined;
  targetValue: number | null | undefined;
  value: number | null | undefined;
}

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * The status that value and target point to, or null when either is not a number (a text result,
 * a criterion without a numeric target). The target is reached upwards unless the baseline lies
 * above it (e.g. fewer break-ins). Partly met: the value moved from the baseline toward the target;
 * without a baseline, at least half of an upward target.
 */
export function suggestStatus({
  baselineValue,
  targetValue,
  value,
}: SuggestStatusInput): MeasurementStatus | null {
  if (!isNumber(value) || !isNumber(targetValue)) return null;
  const baseline = isNumber(baselineValue) ? baselineValue : null;
  const down = baseline != null && baseline > targetValue;
  if (down ? value <= targetValue : value >= targetValue) return "met";
  if (baseline != null) {
    if (down ? value < baseline : value > baseline) return "partly_met";
    return "not_met";
  }
  return value >= targetValue / 2 ? "partly_met" : "not_met";
}

// --- the grid form ------------------------------------------------------------------------------

export const OVERRIDE_REASON_MESSAGE = "Begrund, hvorfor status afviger fra forslaget";

export const VALUE_OVERRIDE_REASON_MESSAGE =
  "Begrund, hvorfor værdien afviger fra aktivitetsloggens";

/** numeric(14, 2) keeps two decimals: compare and store what the database will hold. */
export const roundToCents = (v: number | null | undefined): number | null =>
  v == null ? null : Math.round(v * 100) / 100;

/** Whether a numeric value entered differs from the activity log's (none entered: no). */
export function differsFromLog(
  value: number | null | undefined,
  logValue: number | null | undefined,
): boolean {
  return logValue != null && value != null && roundToCents(value) !== roundToCents(logValue);
}

/** The row's version when the measurement existed when the form was loaded; "" for a new one. */
const optionalVersion = z.preprocess(
  (v) => (v == null || (typeof v === "string" && v.trim() === "") ? null : Number(v)),
  z.number().int().positive().max(MAX_INT).nullable(),
);

/** "" means: store the suggested status (or "Ikke målt" when there is none). */
const statusChoice = z.preprocess(
  (v) => v ?? "",
  z.union([z.enum(MEASUREMENT_STATUSES), z.literal("")], { error: "Vælg en status" }),
);

/**
 * One criterion's measurement in the grid.
 *
 * The override rule needs the criterion's baseline and target. They travel with the row as hidden
 * fields, so this one schema checks the rule in the browser (message beside the field before
 * anything is sent) and on the server. Hidden fields can be stale or tampered with, so the model
 * compares them with the stored criterion and answers a mismatch with a conflict (409): the
 * suggestion the user saw was not the real one. That keeps one rule here instead of a second
 * hand-written check in the model.
 */
export const MeasurementRowSchema = z
  .object({
    criterionId: requiredId("Ukendt succeskriterium"),
    version: optionalVersion,
    baselineValue: optionalDecimal(),
    targetValue: optionalDecimal(),
    valueNumber: optionalDecimal("Skriv et tal, fx 42 eller 11,5"),
    valueText: optionalText(2000),
    unit: optionalText(50),
    status: statusChoice,
    overrideReason: optionalText(2000, { multiline: true }),
    comment: optionalText(4000, { multiline: true }),
    source: optionalText(500),
    /** The activity log's value the form was loaded with (hidden; "" when not from the log). */
    logValue: optionalDecimal(),
    valueOverrideReason: optionalText(2000, { multiline: true }),
  })
  .superRefine((row, ctx) => {
    if (row.valueNumber != null && row.valueText) {
      ctx.addIssue({
        code: "custom",
        path: ["valueText"],
        message: "Skriv enten et tal eller en tekst som værdi, ikke begge",
      });
    }
    const suggestion = suggestStatus({
      baselineValue: row.baselineValue,
      targetValue: row.targetValue,
      value: row.valueNumber,
    });
    // Without a suggestion (text results, no numeric target) the status is the reporter's call.
    if (
      row.status !== "" &&
      suggestion != null &&
      row.status !== suggestion &&
      !row.overrideReason
    ) {
      ctx.addIssue({ code: "custom", path: ["overrideReason"], message: OVERRIDE_REASON_MESSAGE });
    }
    // Like the status: a value other than the log's needs a reason (checked against the real log
    // value by the model, which answers a stale one with a conflict).
    if (differsFromLog(row.valueNumber, row.logValue) && !row.valueOverrideReason) {
      ctx.addIssue({
        code: "custom",
        path: ["valueOverrideReason"],
        message: VALUE_OVERRIDE_REASON_MESSAGE,
      });
    }
  });
type ParsedMeasurementRow = z.output<typeof MeasurementRowSchema>;

/** A row as the model takes it: without the log's fields it is a criterion not from the log. */
export type MeasurementRow = Omit<ParsedMeasurementRow, "logValue" | "valueOverrideReason"> &
  Partial<Pick<ParsedMeasurementRow, "logValue" | "valueOverrideReason">>;

export const MeasurementGridSchema = z.object({
  rows: z.preprocess((v) => v ?? [], z.array(MeasurementRowSchema).max(1000)),
});
export type MeasurementGridValues = z.output<typeof MeasurementGridSchema>;

/** The status stored for a row: the chosen one, else the suggestion, else "Ikke målt". */
export function resolveStatus(
  chosen: MeasurementStatus | "",
  suggestion: MeasurementStatus | null,
): MeasurementStatus {
  return chosen || suggestion || "not_measured";
}

// --- the grid view ------------------------------------------------------------------------------

export interface StoredMeasurement {
  id: number;
  version: number;
  valueNumber: number | null;
  valueText: string | null;
  unit: string | null;
  status: MeasurementStatus;
  overrideReason: string | null;
  comment: string | null;
  source: string | null;
  /**
   * The activity log's value when the measurement was saved (null: not measured from the log;
   * absent in progress reports made final before the log existed).
   */
  logValue?: number | null;
  /** Why the value differs from the log's. */
  valueOverrideReason?: string | null;
}

/** A criterion's value in a year from the activity log (see app/domain/activity-log.ts). */
export interface CriterionLogValue {
  metric: LogMetric;
  /** Null for a share of actions when the year has none. */
  value: number | null;
  /** "Aktivitetsloggen: 14 gårdaktiviteter i 2026" */
  sourceText: string;
}

export interface MeasurementGridRow {
  criterion: CriterionView;
  /** Null for the agreement's own criteria. */
  activity: { id: number; name: string } | null;
  baselineValue: number | null;
  targetValue: number | null;
  /** The unit a new measurement starts with: the target's, else the baseline's. */
  defaultUnit: string | null;
  measurement: StoredMeasurement | null;
  /** Suggested from the stored value; the form recomputes it while the user types. */
  suggestion: MeasurementStatus | null;
  /** The criterion has left the agreement (retired); shown for the years it belongs to. */
  ended?: boolean;
  /** The year's value from the activity log, when the criterion is measured from it. */
  log?: CriterionLogValue | null;
}

/** A number as the grid's inputs expect it: decimal comma, no thousands separator. */
export function decimalInputText(value: number | null): string {
  return value == null ? "" : String(value).replace(".", ",");
}

/**
 * The grid's default form values. A stored status that equals the suggestion (without a reason)
 * shows as "use the suggestion", so it keeps following the value when that changes later.
 */
export function measurementGridFormValues(rows: MeasurementGridRow[]) {
  return {
    rows: rows.map((row) => {
      const m = row.measurement;
      const followsSuggestion =
        m != null && !m.overrideReason && m.status === resolveStatus("", row.suggestion);
      return {
        criterionId: String(row.criterion.id),
        version: m ? String(m.version) : "",
        baselineValue: decimalInputText(row.baselineValue),
        targetValue: decimalInputText(row.targetValue),
        valueNumber: decimalInputText(m?.valueNumber ?? null),
        valueText: m?.valueText ?? "",
        unit: m ? (m.unit ?? "") : (row.defaultUnit ?? ""),
        status: m && !followsSuggestion ? m.status : "",
        overrideReason: m?.overrideReason ?? "",
        comment: m?.comment ?? "",
        source: m?.source ?? "",
        logValue: decimalInputText(row.log?.value ?? null),
        valueOverrideReason: m?.valueOverrideReason ?? "",
      };
    }),
  };
}

/**
 * The year the grid opens on: the last full calendar year the validity touches (reports cover the
 * previous calendar year), else the validity's first year.
 */
export function defaultMeasurementYear(years: number[], today: string): number | null {
  const lastFullYear = Number(today.slice(0, 4)) - 1;
  const past = years.filter((y) => y <= lastFullYear);
  return past[past.length - 1] ?? years[0] ?? null;
}

// --- "Brug værdien fra loggen" ---------------------------------------------------------------

/** The button that puts the log's value into row `index` posts `intent=use-log-<index>`. */
export const USE_LOG_INTENT_PREFIX = "use-log-";

export const USE_LOG_NOTICE = "Værdien fra aktivitetsloggen er sat ind. Gem for at bruge den.";

export function fillFromLogIntent(index: number): string {
  return `${USE_LOG_INTENT_PREFIX}${index}`;
}

/** The row index a posted intent asks to fill from the log, or null for any other post. */
export function readUseLogIntent(intent: unknown): number | null {
  if (typeof intent !== "string" || !intent.startsWith(USE_LOG_INTENT_PREFIX)) return null;
  const index = Number(intent.slice(USE_LOG_INTENT_PREFIX.length));
  return Number.isSafeInteger(index) && index >= 0 && index < 1000 ? index : null;
}

/** What "Brug værdien fra loggen" puts into a row's fields (as the inputs expect them). */
export function logFillValues(log: CriterionLogValue): {
  valueNumber: string;
  valueText: string;
  source: string;
  logValue: string;
  valueOverrideReason: string;
} {
  return {
    valueNumber: decimalInputText(log.value),
    valueText: "",
    source: log.sourceText,
    logValue: decimalInputText(log.value),
    valueOverrideReason: "",
  };
}

// --- the source as reports show it ----------------------------------------------------------

const LOG_SOURCE_PREFIX = "Aktivitetsloggen: ";

/**
 * "Kilde: Beboerundersøgelsen 2025"; a source text from the activity log reads
 * "Kilde: Aktivitetsloggen – 14 gårdaktiviteter i 2026".
 */
export function sourceLine(source: string): string {
  return source.startsWith(LOG_SOURCE_PREFIX)
    ? `Kilde: Aktivitetsloggen – ${source.slice(LOG_SOURCE_PREFIX.length)}`
    : `Kilde: ${source}`;
}

/**
 * When the value entered differs from the activity log's: "Aktivitetsloggen gav 14. Begrundelse
 * for anden værdi: …"; null otherwise.
 */
export function valueOverrideLine(
  m: Pick<StoredMeasurement, "valueNumber" | "logValue" | "valueOverrideReason">,
): string | null {
  if (!m.valueOverrideReason || !differsFromLog(m.valueNumber, m.logValue)) return null;
  return `Aktivitetsloggen gav ${formatNumber(m.logValue!)}. Begrundelse for anden værdi: ${m.valueOverrideReason}`;
}
