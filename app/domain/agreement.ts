/**
 * Agreements (delaftaler): the form schema of each section, shared by the browser and the server.
 * Lists of short texts are written one per line; long texts use the rich-text conventions
 * (app/domain/rich-text.ts). Amounts are whole kroner.
 */
import {
  z,
  amountField,
  isoDate,
  NEGATIVE_MESSAGE,
  optionalId,
  optionalText,
  requiredId,
  requiredText,
  richTextField,
  safeString,
  TOO_LARGE_MESSAGE,
} from "./zod";

// The shared field builders live in ./zod; these names stay importable from here.
export { amountField, MAX_AMOUNT, richTextField } from "./zod";

export const PARTY_TIERS = ["primary", "secondary"] as const;
export type PartyTier = (typeof PARTY_TIERS)[number];
export const partyTierLabels: Record<PartyTier, string> = {
  primary: "Primære samarbejdspartnere",
  secondary: "Sekundære samarbejdspartnere",
};

export const FUNDING_SOURCE_KINDS = [
  "lbf",
  "local",
  "municipality",
  "housing_organisation",
  "other",
] as const;
export type FundingSourceKind = (typeof FUNDING_SOURCE_KINDS)[number];
export const fundingSourceKindLabels: Record<FundingSourceKind, string> = {
  lbf: "Landsbyggefonden",
  local: "Lokal medfinansiering (samlet)",
  municipality: "Kommune",
  housing_organisation: "Boligorganisation",
  other: "Anden medfinansiering",
};

/** One item per line; bullets typed at the start of a line are dropped. */
export function linesField(maxItems = 100, maxLength = 1000) {
  return z.preprocess(
    (v) => (v == null ? "" : Array.isArray(v) ? v.join("\n") : v),
    safeString()
      .transform((text) =>
        text
          .split(/\r?\n|\r/)
          .map((line) =>
            line
              .replace(/^\s*(?:[-•*]|\d+[.)])\s+/, "")
              .replace(/\t/g, " ")
              .trim(),
          )
          .filter(Boolean),
      )
      .pipe(
        z
          .array(z.string().max(maxLength, { error: `Højst ${maxLength} tegn pr. linje` }))
          .max(maxItems, { error: `Højst ${maxItems} linjer` }),
      ),
  );
}

/** The largest value of a `numeric(14, 2)` column (criteria's baseline and target, measurements). */
export const MAX_DECIMAL_14_2 = 999_999_999_999.99;

export interface DecimalBounds {
  /** The smallest value allowed (default: the column's negative limit). */
  min?: number;
  /** The largest value allowed (default: what a numeric(14, 2) column holds). */
  max?: number;
}

/**
 * A decimal number typed the Danish way ("11,5", "1.250,75"); empty is null. Bounded so that the
 * value (rounded to two decimals by the column) fits: by default a numeric(14, 2).
 */
export function optionalDecimal(
  message = "Skriv et tal, fx 11,5",
  { min = -MAX_DECIMAL_14_2, max = MAX_DECIMAL_14_2 }: DecimalBounds = {},
) {
  return z.preprocess(
    (v) => {
      if (v == null || (typeof v === "string" && v.trim() === "")) return null;
      if (typeof v === "number") return v;
      const s = String(v).trim().replace(/\s/g, "");
      // Danish: comma for decimals, dots between thousands ("1.250,5", "1.250" = 1250).
      const normalised = s.includes(",")
        ? s.replace(/\./g, "").replace(",", ".")
        : /^-?\d{1,3}(\.\d{3})+$/.test(s)
          ? s.replace(/\./g, "")
          : s;
      return /^-?\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
    },
    z
      .number({ error: message })
      .finite({ error: message })
      .min(min, { error: min === 0 ? NEGATIVE_MESSAGE : `Tallet må ikke være under ${min}` })
      .max(max, { error: TOO_LARGE_MESSAGE })
      .nullable(),
  );
}

/** An optional year (e.g. a criterion's baseline year). */
export function optionalYear() {
  return z.preprocess(
    (v) => (v == null || (typeof v === "string" && v.trim() === "") ? null : Number(v)),
    z
      .number({ error: "Skriv et årstal, fx 2024" })
      .int({ error: "Skriv et årstal, fx 2024" })
      .min(1990, { error: "Skriv et årstal, fx 2024" })
      .max(2100, { error: "Skriv et årstal, fx 2024" })
      .nullable(),
  );
}

/** The id of an existing row in a list form ("" for a new row). */
const rowId = optionalId();

export const AgreementCreateSchema = z
  .object({
    focusAreaId: requiredId("Vælg et indsatsområde"),
    openingText: openingTextField(),
    validFrom: isoDate("Angiv en gyldig startdato"),
    validTo: isoDate("Angiv en gyldig slutdato"),
  })
  .refine((a) => a.validTo > a.validFrom, {
    path: ["validTo"],
    error: "Slutdatoen skal ligge efter startdatoen",
    when: ({ value }) => bothDates(value),
  });

export const AgreementBasicsSchema = z
  .object({
    openingText: openingTextField(),
    validFrom: isoDate("Angiv en gyldig startdato"),
    validTo: isoDate("Angiv en gyldig slutdato"),
  })
  .refine((a) => a.validTo > a.validFrom, {
    path: ["validTo"],
    error: "Slutdatoen skal ligge efter startdatoen",
    when: ({ value }) => bothDates(value),
  });

/** The clause under the title: the plan's template edition's text, editable per agreement. */
function openingTextField() {
  return requiredText("Skriv den indledende tekst (fx skabelonens standardtekst)", 1000, {
    multiline: true,
  });
}

function bothDates(value: unknown): boolean {
  const v = value as { validFrom?: unknown; validTo?: unknown };
  const iso = (x: unknown) => typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x);
  return iso(v.validFrom) && iso(v.validTo);
}

export const PartyRowSchema = z
  .object({
    id: rowId,
    tier: z.enum(PARTY_TIERS, { error: "Vælg primær eller sekundær" }),
    groupHeading: optionalText(200),
    organisationId: optionalId(),
    /** Creates an organisation in the register when no existing one is chosen. */
    newOrganisationName: optionalText(200),
    label: optionalText(300),
    contactPersonId: optionalId(),
    /** Creates a contact person (with title) in the register. */
    newContactName: optionalText(200),
    newContactTitle: optionalText(200),
  })
  .superRefine((p, ctx) => {
    if (p.organisationId == null && !p.newOrganisationName && !p.label) {
      ctx.addIssue({
        code: "custom",
        path: ["organisationId"],
        message: "Vælg en organisation, opret en ny, eller skriv en betegnelse",
      });
    }
    if (p.contactPersonId != null && p.newContactName) {
      ctx.addIssue({
        code: "custom",
        path: ["newContactName"],
        message: "Vælg en eksisterende kontaktperson eller opret en ny, ikke begge",
      });
    }
    if (p.newContactTitle && !p.newContactName && p.contactPersonId == null) {
      ctx.addIssue({
        code: "custom",
        path: ["newContactName"],
        message: "Skriv kontaktpersonens navn",
      });
    }
  });
export type PartyRow = z.output<typeof PartyRowSchema>;

export const PartiesSchema = z.object({
  parties: z.preprocess((v) => v ?? [], z.array(PartyRowSchema).max(200)),
});

export const WorkingGroupMemberSchema = z
  .object({
    id: rowId,
    personId: optionalId(),
    count: z.preprocess(
      (v) => (v == null || v === "" ? null : Number(v)),
      z
        .number({ error: "Skriv et antal, fx 4" })
        .int({ error: "Skriv et antal, fx 4" })
        .min(1, { error: "Mindst 1" })
        .max(999)
        .nullable(),
    ),
    description: optionalText(300),
    organisationId: optionalId(),
    names: optionalText(1000),
  })
  .superRefine((m, ctx) => {
    if (m.personId == null && !m.description && m.organisationId == null) {
      ctx.addIssue({
        code: "custom",
        path: ["personId"],
        message: "Vælg en person, eller beskriv repræsentanten (fx «repræsentant fra SSP»)",
      });
    }
  });

export const WorkingGroupSchema = z.object({
  id: rowId,
  name: requiredText("Skriv arbejdsgruppens navn", 200),
  members: z.preprocess((v) => v ?? [], z.array(WorkingGroupMemberSchema).max(100)),
});

export const WorkingGroupsSchema = z.object({
  groups: z.preprocess((v) => v ?? [], z.array(WorkingGroupSchema).max(20)),
});

export const ProblemStatementSchema = z.object({ problemStatement: richTextField() });

/** A delmål: one line under its goal. The id keeps it the same row across saves. */
export const SubGoalRowSchema = z.object({
  id: rowId,
  text: requiredText("Skriv delmålet, eller fjern det", 1000),
});

/** A goal (mål) with its delmål, in order. */
export const GoalRowSchema = z.object({
  id: rowId,
  text: requiredText("Skriv målet, eller fjern det", 1000),
  subGoals: z.preprocess((v) => v ?? [], z.array(SubGoalRowSchema).max(30)),
});
export type GoalRow = z.output<typeof GoalRowSchema>;

export const PurposeSchema = z.object({
  /** An optional line before the list, e.g. «Formålet er:». */
  purposesLeadIn: optionalText(300),
  purposes: linesField(),
  goalsLeadIn: optionalText(300),
  goals: z.preprocess((v) => v ?? [], z.array(GoalRowSchema).max(50)),
  /** The focus area's primary target group (the 2019-26 template states it). */
  primaryTargetGroup: richTextField(),
  method: richTextField(),
});

export const CriterionRowSchema = z.object({
  id: rowId,
  text: requiredText("Beskriv succeskriteriet", 2000, { multiline: true }),
  dataSource: requiredText("Angiv en datakilde", 500),
  baselineValue: optionalDecimal(),
  baselineUnit: optionalText(50),
  baselineYear: optionalYear(),
  targetValue: optionalDecimal(),
  targetUnit: optionalText(50),
  targetYear: optionalYear(),
  // A baseline or target that is not one number ("53 %, 66 % og 68 % i tre afdelinger"), as
  // written: it prints beside (or instead of) the number and is never turned into one.
  baselineText: optionalText(500),
  targetText: optionalText(500),
  /**
   * The goal or delmål of the same agreement the criterion measures (the målhierarki). Code
   * without the form (demo data, scripts, imports) may leave it out: the criterion is then unlinked.
   */
  goalId: optionalId().optional(),
});
export type CriterionRow = z.output<typeof CriterionRowSchema>;

export const CriteriaSchema = z.object({
  criteria: z.preprocess((v) => v ?? [], z.array(CriterionRowSchema).max(200)),
});

export const ResponsibilityRowSchema = z
  .object({
    id: rowId,
    organisationId: optionalId(),
    label: optionalText(300),
    duties: linesField(),
  })
  .superRefine((r, ctx) => {
    if (r.organisationId == null && !r.label) {
      ctx.addIssue({
        code: "custom",
        path: ["organisationId"],
        message: "Vælg en part eller skriv en betegnelse",
      });
    }
  });

export const ActivitySchema = z.object({
  /** The schema's full name. */
  name: requiredText("Skriv aktivitetens navn", 300),
  /** The name in the agreement's list of activities, when it differs from the full name. */
  shortName: optionalText(200),
  reference: optionalText(300),
  content: richTextField(),
  /** An optional line before the list, e.g. "Formål med indsatsen er:". */
  purposesLeadIn: optionalText(300),
  purposes: linesField(),
  targetGroupsLeadIn: optionalText(300),
  targetGroups: linesField(),
  criteria: z.preprocess((v) => v ?? [], z.array(CriterionRowSchema).max(100)),
  responsibilities: z.preprocess((v) => v ?? [], z.array(ResponsibilityRowSchema).max(50)),
});
export type ActivityValues = z.output<typeof ActivitySchema>;

export const InterplaySchema = z.object({
  municipalInterplay: richTextField(),
  anchoring: richTextField(),
});

/**
 * How a funding source's amount is given: one total for the whole period (as the fund's template
 * has it) or split per budget year (then the yearly amounts are the total).
 */
export const FUNDING_SPLITS = ["period", "yearly"] as const;
export type FundingSplit = (typeof FUNDING_SPLITS)[number];
export const fundingSplitLabels: Record<FundingSplit, string> = {
  period: "Samlet for hele perioden",
  yearly: "Fordelt på år",
};

export const FundingSourceRowSchema = z
  .object({
    id: rowId,
    kind: z.enum(FUNDING_SOURCE_KINDS, { error: "Vælg en type" }),
    name: optionalText(200),
    organisationId: optionalId(),
    /** Missing (an older form): inferred from the figures given, see below. */
    split: z.preprocess(
      (v) => (v === "" || v == null ? undefined : v),
      z.enum(FUNDING_SPLITS, { error: "Vælg hvordan beløbet angives" }).optional(),
    ),
    /** The whole period's amount, used with split "period". */
    periodTotal: amountField(),
    /** Amounts keyed "y2024" (a plain numeric key would be read as an array index). */
    amounts: z.preprocess((v) => v ?? {}, z.record(z.string().regex(/^y\d{4}$/), amountField())),
  })
  .superRefine((s, ctx) => {
    if (s.kind === "other" && !s.name && s.organisationId == null) {
      ctx.addIssue({ code: "custom", path: ["name"], message: "Skriv hvem der medfinansierer" });
    }
  })
  // One source of the total: with "period" the yearly amounts are dropped, with "yearly" the
  // period total is (the yearly amounts make the total).
  .transform(({ split: given, periodTotal, amounts, ...rest }) => {
    const split: FundingSplit = given ?? (periodTotal > 0 ? "period" : "yearly");
    const figures: { periodTotal: number | null; amounts: Record<string, number> } =
      split === "period" ? { periodTotal, amounts: {} } : { periodTotal: null, amounts };
    return { ...rest, split, ...figures };
  });
type ParsedFundingSource = z.output<typeof FundingSourceRowSchema>;
/**
 * A funding source to save: FundingSourceRowSchema's output, where code without the form (demo
 * data, scripts) may leave out the split and the period total (then the yearly amounts count).
 */
export type FundingSourceRow = Omit<ParsedFundingSource, "split" | "periodTotal"> &
  Partial<Pick<ParsedFundingSource, "split" | "periodTotal">>;

export const FinancingSchema = z.object({
  sources: z.preprocess((v) => v ?? [], z.array(FundingSourceRowSchema).max(30)),
});

/** A staff line as the secretariat writes it ("2 børne- og ungemedarbejdere samt 11,5 time"). */
export const StaffRowSchema = z.object({
  id: rowId,
  description: requiredText("Beskriv medarbejderressourcen, fx «1 kommunikationsmedarbejder»", 500),
});

export const StaffSchema = z.object({
  staff: z.preprocess((v) => v ?? [], z.array(StaffRowSchema).max(100)),
});

export const ClausesSchema = z.object({
  conflictHandling: richTextField(),
  revisionClause: richTextField(),
});

export const AGREEMENT_SECTIONS = [
  "basics",
  "parties",
  "working-groups",
  "problem",
  "purpose",
  "criteria",
  "interplay",
  "financing",
  "staff",
  "clauses",
] as const;
export type AgreementSection = (typeof AGREEMENT_SECTIONS)[number];

export const agreementSectionLabels: Record<AgreementSection, string> = {
  basics: "Grundoplysninger og gyldighed",
  parties: "Aftalens parter",
  "working-groups": "Arbejdsgrupper",
  problem: "Problemkompleks",
  purpose: "Formål, mål og metode",
  criteria: "Lokalt opstillede målinger (succeskriterier)",
  interplay: "Samspil med kommunen og forankring",
  financing: "Finansiering",
  staff: "Medarbejderressourcer",
  clauses: "Konflikthåndtering og revision",
};

export const AgreementParamsSchema = z.object({
  planId: z.coerce.number().int().positive(),
  agreementId: z.coerce.number().int().positive(),
});

/** The calendar years an agreement's budget covers: every year its validity touches. */
export function budgetYears(validFrom: string, validTo: string): number[] {
  const first = Number(validFrom.slice(0, 4));
  const last = Number(validTo.slice(0, 4));
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}
