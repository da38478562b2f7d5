/**
 * The funder's self-evaluation (selvevaluering) of a grant: the form schema for a question set
 * (templates/self-evaluation-questions.ts), the 5-point rating scale, completeness and the pure
 * view that the page and the Word document are built from. Client-safe.
 *
 * A self-evaluation may be saved as a draft with questions not yet rated; it counts as complete
 * once every fact, the target group and every question's rating and narrative are filled in.
 * Amounts are whole kroner.
 */
import {
  SELF_EVALUATION_QUESTION_SETS,
  type SelfEvaluationQuestion,
  type SelfEvaluationQuestionSet,
} from "../../templates/self-evaluation-questions";
import { amountField, linesField, optionalYear, richTextField } from "./agreement";
import { formatAmount, formatInteger } from "./format";
import { isRichTextEmpty, richTextToMarkdown, type RichText } from "./rich-text";
import type { PlanAccessRole } from "./roles";
import { isoDate, z, optionalText, requiredText } from "./zod";

export type { SelfEvaluationQuestion, SelfEvaluationQuestionSet };

// --- the scale, regions and who may edit ----------------------------------------------------------

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

/** 1 is the best answer, 5 the worst, as on the funders' forms. */
export const ratingLabels: Record<Rating, string> = {
  1: "I meget høj grad",
  2: "I høj grad",
  3: "I nogen grad",
  4: "I ringe grad",
  5: "I meget ringe grad",
};

export function isRating(value: unknown): value is Rating {
  return typeof value === "number" && (RATINGS as readonly number[]).includes(value);
}

export const SELF_EVALUATION_REGIONS = [
  "Hovedstaden",
  "Sjælland",
  "Syddanmark",
  "Midtjylland",
  "Nordjylland",
  "Hele landet",
] as const;
export type SelfEvaluationRegion = (typeof SELF_EVALUATION_REGIONS)[number];

/** Reporters write the funders' self-evaluations; the secretariat (and admins) may too. */
export const SELF_EVALUATION_EDITOR_ROLES = ["reporter", "secretariat"] as const;

export function canEditSelfEvaluation(role: PlanAccessRole | null | undefined): boolean {
  return role === "admin" || SELF_EVALUATION_EDITOR_ROLES.some((r) => r === role);
}

// --- question sets ------------------------------------------------------------------------------

/** A stored or submitted question-set key that templates/self-evaluation-questions.ts lacks. */
export class UnknownQuestionSetError extends Error {
  constructor(public readonly key: string) {
    super(
      `Unknown self-evaluation question set "${key}" (known: ${Object.keys(SELF_EVALUATION_QUESTION_SETS).join(", ")})`,
    );
    this.name = "UnknownQuestionSetError";
  }
}

export function findQuestionSet(key: unknown): SelfEvaluationQuestionSet | undefined {
  if (typeof key !== "string" || !Object.hasOwn(SELF_EVALUATION_QUESTION_SETS, key)) {
    return undefined;
  }
  return SELF_EVALUATION_QUESTION_SETS[key];
}

/** The question set with this key; an unknown key is a programming or data error. */
export function requireQuestionSet(key: string): SelfEvaluationQuestionSet {
  const set = findQuestionSet(key);
  if (!set) throw new UnknownQuestionSetError(key);
  return set;
}

export function questionSetOptions(): { value: string; label: string }[] {
  return Object.values(SELF_EVALUATION_QUESTION_SETS).map((s) => ({
    value: s.key,
    label: s.name,
  }));
}

export const QUESTION_SET_MESSAGE = "Vælg et spørgeskema fra listen";

// --- the form -----------------------------------------------------------------------------------

export const RATING_MESSAGE = "Vælg et af de fem svar på skalaen";
export const NARRATIVE_MAX = 10_000;

const blank = (v: unknown) => v == null || (typeof v === "string" && v.trim() === "");

/** A rating from the radio group: none chosen is null (a draft), anything but 1–5 an error. */
const ratingField = z.preprocess(
  (v) => (blank(v) ? null : typeof v === "string" ? Number(v) : v),
  z
    .number({ error: RATING_MESSAGE })
    .int({ error: RATING_MESSAGE })
    .min(1, { error: RATING_MESSAGE })
    .max(5, { error: RATING_MESSAGE })
    .nullable(),
);

const AnswerSchema = z.preprocess(
  (v) => v ?? {},
  z.object({ rating: ratingField, narrative: optionalText(NARRATIVE_MAX, { multiline: true }) }),
);

const regionField = z.preprocess(
  (v) => (blank(v) ? null : v),
  z.enum(SELF_EVALUATION_REGIONS, { error: "Vælg en region fra listen" }).nullable(),
);

/** Whole kroner typed the Danish way ("925.000"); empty is null (not yet known). */
const optionalAmount = z.preprocess((v) => (blank(v) ? null : v), amountField().nullable());

/** The form of a self-evaluation with `set`'s questions, for the browser and the server. */
export function selfEvaluationSchema(set: SelfEvaluationQuestionSet) {
  const answers = Object.fromEntries(set.questions.map((q) => [q.key, AnswerSchema])) as Record<
    string,
    typeof AnswerSchema
  >;
  return z.object({
    funder: requiredText("Skriv hvem bevillingen er fra, fx fondens navn", 200),
    title: requiredText("Skriv projektets titel", 200),
    description: richTextField(20_000),
    recipient: optionalText(200),
    region: regionField,
    grantType: optionalText(100),
    amount: optionalAmount,
    grantYear: optionalYear(),
    dueDate: z.preprocess(
      (v) => (v === "" ? undefined : v),
      isoDate("Skriv en gyldig dato for fristen, fx 2027-03-01").optional(),
    ),
    subGoal: optionalText(300),
    targetGroups: linesField(30, 200),
    answers: z.preprocess((v) => v ?? {}, z.object(answers)),
  });
}
export type SelfEvaluationValues = z.output<ReturnType<typeof selfEvaluationSchema>>;

export interface StoredAnswer {
  rating: number | null;
  narrative: string | null;
}

// --- record and view ----------------------------------------------------------------------------

/** A stored self-evaluation as the model loads it. */
export interface SelfEvaluationRecord {
  id: number;
  planId: number;
  planName: string;
  questionSet: string;
  funder: string;
  title: string;
  description: RichText | null;
  recipient: string | null;
  region: string | null;
  grantType: string | null;
  amount: number | null;
  grantYear: number | null;
  /** yyyy-MM-dd: when the funder wants it (absent in records from before it existed). */
  dueDate?: string | null;
  subGoal: string | null;
  targetGroups: string[];
  answers: Record<string, StoredAnswer>;
  version: number;
  updatedAt: Date | string;
}

export interface SelfEvaluationAnswerView {
  key: string;
  heading: string;
  question: string;
  hint: string | null;
  rating: Rating | null;
  /** The rating's label ("I høj grad"), or null when the question is not rated yet. */
  ratingLabel: string | null;
  narrative: string | null;
}

export interface SelfEvaluationFact {
  label: string;
  value: string;
}

export interface CompletenessItem {
  label: string;
  /** The form field to fill in (a dotted path, as in the form). */
  field: string;
}

export interface SelfEvaluationCompleteness {
  complete: boolean;
  /** Items filled in, of `total`. */
  done: number;
  total: number;
  missing: CompletenessItem[];
}

export interface SelfEvaluationView {
  id: number;
  planId: number;
  planName: string;
  questionSet: { key: string; name: string; intro: string };
  funder: string;
  title: string;
  description: RichText | null;
  recipient: string | null;
  region: string | null;
  grantType: string | null;
  amount: number | null;
  grantYear: number | null;
  /** yyyy-MM-dd, or null when the funder set no deadline. */
  dueDate: string | null;
  subGoal: string | null;
  targetGroups: string[];
  /** The filled-in facts in the form's order: Region, Type, Modtager, Støttet beløb, Delmål. */
  facts: SelfEvaluationFact[];
  questions: SelfEvaluationAnswerView[];
  completeness: SelfEvaluationCompleteness;
  version: number;
  /** ISO timestamp of the last save. */
  updatedAt: string;
}

/** The headings of the page and the Word document. */
export const SELF_EVALUATION_HEADINGS = {
  document: "Selvevaluering",
  description: "Om donationen",
  targetGroups: "Målgruppen",
  assessment: "Egen vurdering af effekten",
} as const;

export const FACT_LABELS = {
  region: "Region",
  grantType: "Type",
  recipient: "Modtager",
  amount: "Støttet beløb",
  subGoal: "Delmål",
} as const;

/** "925.000 kr., år 2019"; either part alone; null when neither is known. */
export function grantAmountText(amount: number | null, year: number | null): string | null {
  if (amount != null && year != null) return `${formatAmount(amount)}, år ${year}`;
  if (amount != null) return formatAmount(amount);
  if (year != null) return `år ${year}`;
  return null;
}

const filled = (text: string | null | undefined): text is string =>
  typeof text === "string" && text.trim() !== "";

function completenessOf(
  view: Omit<SelfEvaluationView, "completeness" | "facts">,
): SelfEvaluationCompleteness {
  const items: [boolean, CompletenessItem][] = [
    [
      !isRichTextEmpty(view.description),
      { label: SELF_EVALUATION_HEADINGS.description, field: "description" },
    ],
    [filled(view.recipient), { label: FACT_LABELS.recipient, field: "recipient" }],
    [filled(view.region), { label: FACT_LABELS.region, field: "region" }],
    [filled(view.grantType), { label: FACT_LABELS.grantType, field: "grantType" }],
    [view.amount != null, { label: FACT_LABELS.amount, field: "amount" }],
    [view.grantYear != null, { label: "Bevillingsår", field: "grantYear" }],
    [
      view.targetGroups.length > 0,
      { label: SELF_EVALUATION_HEADINGS.targetGroups, field: "targetGroups" },
    ],
    ...view.questions.flatMap((q): [boolean, CompletenessItem][] => [
      [q.rating != null, { label: `${q.heading}: vurdering`, field: `answers.${q.key}.rating` }],
      [
        filled(q.narrative),
        { label: `${q.heading}: begrundelse`, field: `answers.${q.key}.narrative` },
      ],
    ]),
  ];
  const missing = items.filter(([ok]) => !ok).map(([, item]) => item);
  return {
    complete: missing.length === 0,
    done: items.length - missing.length,
    total: items.length,
    missing,
  };
}

/**
 * The self-evaluation as the page and the Word document show it, with `set`'s questions in order.
 * Answers to questions the set no longer has are left out; a stored rating outside 1–5 counts as
 * not rated. `set` must be the record's own question set.
 */
export function buildSelfEvaluationView(
  record: SelfEvaluationRecord,
  set: SelfEvaluationQuestionSet,
): SelfEvaluationView {
  if (record.questionSet !== set.key) {
    throw new Error(
      `Self-evaluation ${record.id} uses question set "${record.questionSet}", not "${set.key}"`,
    );
  }
  const questions = set.questions.map((q): SelfEvaluationAnswerView => {
    const answer = record.answers[q.key];
    const rating = isRating(answer?.rating) ? answer.rating : null;
    return {
      key: q.key,
      heading: q.heading,
      question: q.question,
      hint: q.hint ?? null,
      rating,
      ratingLabel: rating ? ratingLabels[rating] : null,
      narrative: filled(answer?.narrative) ? answer.narrative : null,
    };
  });
  const description = isRichTextEmpty(record.description) ? null : record.description;
  const base = {
    id: record.id,
    planId: record.planId,
    planName: record.planName,
    questionSet: { key: set.key, name: set.name, intro: set.intro },
    funder: record.funder,
    title: record.title,
    description,
    recipient: record.recipient,
    region: record.region,
    grantType: record.grantType,
    amount: record.amount,
    grantYear: record.grantYear,
    dueDate: record.dueDate ?? null,
    subGoal: record.subGoal,
    targetGroups: record.targetGroups,
    questions,
    version: record.version,
    updatedAt:
      typeof record.updatedAt === "string" ? record.updatedAt : record.updatedAt.toISOString(),
  };
  const facts: [string, string | null][] = [
    [FACT_LABELS.region, record.region],
    [FACT_LABELS.grantType, record.grantType],
    [FACT_LABELS.recipient, record.recipient],
    [FACT_LABELS.amount, grantAmountText(record.amount, record.grantYear)],
    [FACT_LABELS.subGoal, record.subGoal],
  ];
  return {
    ...base,
    facts: facts
      .filter((f): f is [string, string] => filled(f[1]))
      .map(([label, value]) => ({ label, value })),
    completeness: completenessOf(base),
  };
}

// --- form values --------------------------------------------------------------------------------

/** What the form shows for a new self-evaluation with `set`'s questions. */
export function emptySelfEvaluationFormValues(set: SelfEvaluationQuestionSet) {
  return {
    funder: set.defaultFunder ?? "",
    title: "",
    description: "",
    recipient: "",
    region: "",
    grantType: "Projekt",
    amount: "",
    grantYear: "",
    dueDate: "",
    subGoal: "",
    targetGroups: "",
    answers: Object.fromEntries(set.questions.map((q) => [q.key, { rating: "", narrative: "" }])),
  };
}

/** The stored self-evaluation as the edit form's text (the inverse of the schema). */
export function selfEvaluationFormValues(view: SelfEvaluationView) {
  return {
    funder: view.funder,
    title: view.title,
    description: richTextToMarkdown(view.description),
    recipient: view.recipient ?? "",
    region: view.region ?? "",
    grantType: view.grantType ?? "",
    amount: view.amount == null ? "" : formatInteger(view.amount),
    grantYear: view.grantYear == null ? "" : String(view.grantYear),
    dueDate: view.dueDate ?? "",
    subGoal: view.subGoal ?? "",
    targetGroups: view.targetGroups.join("\n"),
    answers: Object.fromEntries(
      view.questions.map((q) => [
        q.key,
        { rating: q.rating == null ? "" : String(q.rating), narrative: q.narrative ?? "" },
      ]),
    ),
  };
}

// --- paths --------------------------------------------------------------------------------------

/** The plan's list of self-evaluations. */
export function selfEvaluationsPath(planId: number): string {
  return `/plans/${planId}/self-evaluations`;
}

/** One self-evaluation's page, or a page below it ("/edit", "/document.docx"). */
export function selfEvaluationPath(planId: number, evaluationId: number, suffix = ""): string {
  return `${selfEvaluationsPath(planId)}/${evaluationId}${suffix}`;
}
