/**
 * The strategic agreement (strategisk samarbejdsaftale, issue 14 item 1): the edit form's zod
 * schema, the document view (`StrategicAgreementView`) built from the working content and the
 * plan's delaftaler, the budget per focus area and funder (computed, never typed; R1), the
 * version states and labels (R6, with the fund's approval as one more step) and the lines a diff
 * of two versions compares. Pure and client-safe.
 */
import type { FundingSourceKind } from "./agreement";
import type { Budget } from "./budget";
import { MAX_LBF_SHARE } from "./budget";
import { diffLines, type Line, type ParagraphDiff } from "./diff";
import { formatAmount, formatDate, formatPercent, formatPeriod } from "./format";
import type {
  BodyMember,
  PlanBody,
  StrategicContent,
  StrategicObjective,
} from "./strategic-agreement-content";
import { DRAFT_WORD, strategicStateWords, strategicVersionStatusWords } from "./status-words";
import { isoDate, optionalId, optionalText, requiredText, z } from "./zod";

// --- versions ---------------------------------------------------------------------------------

export const STRATEGIC_VERSION_STATUSES = [
  "proposed",
  "awaiting_fund",
  "approved",
  "rejected",
  "withdrawn",
  "superseded",
] as const;
export type StrategicVersionStatus = (typeof STRATEGIC_VERSION_STATUSES)[number];

/** The app's one set of status words (status-words.ts). */
export const strategicVersionStatusLabels: Record<StrategicVersionStatus, string> =
  strategicVersionStatusWords;

/** The state badge of the strategic agreement as a whole. */
export type StrategicState = "draft" | "proposed" | "awaiting_fund" | "approved";
export const strategicStateLabels: Record<StrategicState, string> = strategicStateWords;

/** The roles that edit, submit, withdraw and record the fund's decision. */
export const STRATEGIC_EDITORS = ["secretariat"] as const;
/** The roles that decide a proposed version. */
export const STRATEGIC_DECIDERS = ["board"] as const;

export interface StrategicVersionInfo {
  number: number;
  status: StrategicVersionStatus;
  summary: string | null;
  submittedAt: string;
  submittedBy: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  meetingDate: string | null;
  decisionNote: string | null;
  fundSentAt: string | null;
  fundApprovedAt: string | null;
  fundReference: string | null;
}

/**
 * What a version awaiting the fund says: "Godkendt af bestyrelsen – sendes til fonden" until it
 * is sent, then "Afventer fondens godkendelse (sendt 3. maj 2026)".
 */
export function awaitingFundText(v: { fundSentAt: string | null }): string {
  return v.fundSentAt
    ? `Afventer fondens godkendelse (sendt ${formatDate(v.fundSentAt)})`
    : "Godkendt af bestyrelsen – sendes til fonden";
}

/** The label in the header of a version's document and on its page. */
export function strategicVersionLabel(v: {
  number: number;
  status: StrategicVersionStatus;
  meetingDate: string | null;
  fundApprovedAt: string | null;
  fundSentAt: string | null;
}): string {
  switch (v.status) {
    case "proposed":
      return `Forslag til version ${v.number}`;
    case "awaiting_fund":
      return `Version ${v.number}, ${awaitingFundText(v).replace(/^A/, "a").replace(/^G/, "g")}`;
    case "approved":
    case "superseded": {
      const when = v.fundApprovedAt ?? v.meetingDate;
      return `Version ${v.number}, godkendt${when ? ` ${formatDate(when)}` : ""}`;
    }
    case "rejected":
      return `Version ${v.number}, afvist`;
    case "withdrawn":
      return `Version ${v.number}, trukket tilbage`;
  }
}

export const SubmitStrategicSchema = z.object({
  summary: requiredText("Skriv kort, hvad der er ændret", 5000, { multiline: true }),
});

export const StrategicDecisionSchema = z
  .object({
    decision: z.enum(["approve", "reject"], { error: "Vælg godkend eller afvis" }),
    meetingDate: isoDate("Angiv datoen for bestyrelsesmødet"),
    note: optionalText(5000, { multiline: true }),
  })
  .superRefine((d, ctx) => {
    if (d.decision === "reject" && !d.note) {
      ctx.addIssue({
        code: "custom",
        path: ["note"],
        message: "Skriv hvorfor forslaget afvises, så sekretariatet kan rette det",
      });
    }
  });

export const FundSentSchema = z.object({
  fundSentAt: isoDate("Angiv datoen, hvor ændringen blev sendt til fonden"),
});

export const FundDecisionSchema = z
  .object({
    fundDecision: z.enum(["approve", "reject"], { error: "Vælg godkendt eller afvist" }),
    fundDate: isoDate("Angiv datoen for fondens afgørelse"),
    fundReference: optionalText(200),
    fundNote: optionalText(5000, { multiline: true }),
  })
  .superRefine((d, ctx) => {
    if (d.fundDecision === "approve" && !d.fundReference) {
      ctx.addIssue({
        code: "custom",
        path: ["fundReference"],
        message: "Angiv fondens journalnummer eller reference",
      });
    }
  });

// --- the edit form ------------------------------------------------------------------------------

const memberSchema = z.object({
  name: requiredText("Skriv medlemmets navn", 200),
  organisationId: optionalId(),
  organisationName: optionalText(200),
  role: optionalText(200),
});

const bodySchema = z.object({
  name: requiredText("Skriv organets navn", 200),
  description: optionalText(5000, { multiline: true }),
  members: z.array(memberSchema).max(100).default([]),
});

/** A key: letters, digits and dashes; empty means "a new objective" (the model gives it one). */
const objectiveKey = z.preprocess(
  (v) => (typeof v === "string" ? v.trim() : ""),
  z
    .string()
    .max(40)
    .regex(/^[a-z0-9-]*$/, { error: "Ugyldig nøgle" }),
);

export const StrategicFormSchema = z.object({
  parties: z
    .array(
      z.object({
        organisationId: optionalId(),
        name: optionalText(200),
        signatoryName: optionalText(200),
        signatoryTitle: optionalText(200),
      }),
    )
    .max(50)
    .default([])
    .superRefine((parties, ctx) => {
      parties.forEach((p, i) => {
        if (!p.organisationId && !p.name) {
          ctx.addIssue({
            code: "custom",
            path: [i, "name"],
            message: "Vælg en organisation, eller skriv partens navn",
          });
        }
      });
    }),
  vision: optionalText(10_000, { multiline: true }),
  objectives: z
    .array(
      z.object({
        key: objectiveKey,
        text: requiredText("Skriv den overordnede målsætning", 2000, { multiline: true }),
      }),
    )
    .max(50)
    .default([]),
  board: bodySchema.extend({ termsOfReference: optionalText(20_000, { multiline: true }) }),
  followGroup: bodySchema,
  secretariat: bodySchema,
  focusAreaGoals: z
    .array(
      z.object({
        focusAreaId: z.coerce.number().int().positive().max(2_147_483_647),
        goal: optionalText(5000, { multiline: true }),
        objectiveKeys: z.preprocess(
          (v) => (v == null || v === false ? [] : Array.isArray(v) ? v : [v]),
          z.array(z.string().max(40)),
        ),
      }),
    )
    .max(50)
    .default([]),
  clauses: z
    .array(
      z.object({
        heading: requiredText("Skriv en overskrift", 300),
        text: optionalText(20_000, { multiline: true }),
      }),
    )
    .max(50)
    .default([]),
});
export type StrategicFormValues = z.output<typeof StrategicFormSchema>;

/** A new, stable objective key (not one of `taken`). */
export function newObjectiveKey(taken: Iterable<string>, random: () => number = Math.random) {
  const used = new Set(taken);
  for (;;) {
    const key = `m-${Math.floor(random() * 36 ** 6)
      .toString(36)
      .padStart(6, "0")}`;
    if (!used.has(key)) return key;
  }
}

/**
 * The stored content from the parsed form: objectives keep their key (new ones get one); a
 * focus-area goal keeps only links to objectives that still exist; organisation names come from
 * the register when an organisation is chosen (`organisationNames`).
 */
export function contentFromForm(
  values: StrategicFormValues,
  organisationNames: ReadonlyMap<number, string>,
  random: () => number = Math.random,
): StrategicContent {
  // A posted key is kept (a duplicate, e.g. a row copied by hand, gets a new one).
  const keys = new Set<string>();
  const objectives: StrategicObjective[] = values.objectives.map((o) => {
    const key = o.key && !keys.has(o.key) ? o.key : newObjectiveKey([...keys], random);
    keys.add(key);
    return { key, text: o.text };
  });
  const member = (m: StrategicFormValues["board"]["members"][number]): BodyMember => ({
    name: m.name,
    organisationId: m.organisationId,
    organisationName:
      (m.organisationId ? organisationNames.get(m.organisationId) : null) ??
      m.organisationName ??
      "",
    role: m.role ?? "",
  });
  const body = (b: StrategicFormValues["followGroup"]): PlanBody => ({
    name: b.name,
    description: b.description ?? "",
    members: b.members.map(member),
  });
  const seenAreas = new Set<number>();
  return {
    parties: values.parties.map((p) => ({
      organisationId: p.organisationId,
      name: (p.organisationId ? organisationNames.get(p.organisationId) : null) ?? p.name ?? "",
      signatoryName: p.signatoryName ?? "",
      signatoryTitle: p.signatoryTitle ?? "",
    })),
    vision: values.vision ?? "",
    objectives,
    board: { ...body(values.board), termsOfReference: values.board.termsOfReference ?? "" },
    followGroup: body(values.followGroup),
    secretariat: body(values.secretariat),
    focusAreaGoals: values.focusAreaGoals
      .filter((g) => {
        if (seenAreas.has(g.focusAreaId)) return false;
        seenAreas.add(g.focusAreaId);
        return Boolean(g.goal) || g.objectiveKeys.length > 0;
      })
      .map((g) => ({
        focusAreaId: g.focusAreaId,
        goal: g.goal ?? "",
        objectiveKeys: [...new Set(g.objectiveKeys)].filter((k) => keys.has(k)),
      })),
    clauses: values.clauses.map((c) => ({ heading: c.heading, text: c.text ?? "" })),
  };
}

/** The form's values for the stored content: one focus-area row per focus area of the round. */
export function strategicFormValues(
  content: StrategicContent,
  focusAreas: { id: number }[],
): Record<string, unknown> {
  const goals = new Map(content.focusAreaGoals.map((g) => [g.focusAreaId, g]));
  const member = (m: BodyMember) => ({
    name: m.name,
    organisationId: m.organisationId ? String(m.organisationId) : "",
    organisationName: m.organisationId ? "" : m.organisationName,
    role: m.role,
  });
  const body = (b: PlanBody) => ({
    name: b.name,
    description: b.description,
    members: b.members.map(member),
  });
  return {
    parties: content.parties.map((p) => ({
      organisationId: p.organisationId ? String(p.organisationId) : "",
      name: p.organisationId ? "" : p.name,
      signatoryName: p.signatoryName,
      signatoryTitle: p.signatoryTitle,
    })),
    vision: content.vision,
    objectives: content.objectives.map((o) => ({ key: o.key, text: o.text })),
    board: { ...body(content.board), termsOfReference: content.board.termsOfReference },
    followGroup: body(content.followGroup),
    secretariat: body(content.secretariat),
    focusAreaGoals: focusAreas.map((f) => ({
      focusAreaId: String(f.id),
      goal: goals.get(f.id)?.goal ?? "",
      objectiveKeys: goals.get(f.id)?.objectiveKeys ?? [],
    })),
    clauses: content.clauses.map((c) => ({ heading: c.heading, text: c.text })),
  };
}

// --- the document view --------------------------------------------------------------------------

export interface StrategicMemberView {
  name: string;
  organisation: string;
  role: string;
  /** "Anna Holm, formand (Havbakke Kommune)" */
  text: string;
}

export interface StrategicBodyView {
  name: string;
  description: string;
  members: StrategicMemberView[];
}

export interface StrategicBudgetFunder {
  key: string;
  kind: FundingSourceKind;
  label: string;
}

export interface StrategicBudgetRow {
  focusAreaId: number;
  focusArea: string;
  /** Per funder, in the order of `funders`. */
  amounts: number[];
  lbf: number;
  local: number;
  total: number;
}

export interface StrategicBudgetView {
  funders: StrategicBudgetFunder[];
  rows: StrategicBudgetRow[];
  totals: { amounts: number[]; lbf: number; local: number; total: number };
  /** LBF's share of the plan (0–1), null when nothing is budgeted (R1). */
  lbfShare: number | null;
  lbfShareTooHigh: boolean;
}

export interface StrategicAgreementView {
  planId: number;
  title: string;
  plan: { id: number; name: string; periodStart: string; periodEnd: string };
  fundingRound: string;
  /** "1. januar 2027 – 31. december 2030" */
  periodText: string;
  /** Whether this is a frozen version or the working draft. */
  source: "version" | "draft";
  /** The version's number (null for the working draft). */
  versionNumber: number | null;
  /** The version's status (null for the working draft). */
  versionStatus: StrategicVersionStatus | null;
  /** "Udkast", "Version 2, godkendt 3. maj 2026" … (the document's header). */
  statusLabel: string;
  approval: {
    meetingDate: string | null;
    fundApprovedAt: string | null;
    fundReference: string | null;
  } | null;
  parties: { name: string; signatoryName: string; signatoryTitle: string }[];
  vision: string;
  objectives: { key: string; number: number; text: string }[];
  board: StrategicBodyView & { termsOfReference: string };
  followGroup: StrategicBodyView;
  secretariat: StrategicBodyView;
  /** From the delaftaler, read-only. */
  workingGroups: { focusArea: string; name: string; members: string[] }[];
  focusAreas: {
    focusAreaId: number;
    name: string;
    goal: string;
    objectives: { key: string; number: number; text: string }[];
    hasAgreement: boolean;
  }[];
  budget: StrategicBudgetView;
  clauses: { heading: string; text: string }[];
}

/** What the view builder needs besides the content. */
export interface StrategicViewInput {
  plan: { id: number; name: string; periodStart: string; periodEnd: string };
  fundingRound: string;
  /** The round's focus areas in their order. */
  focusAreas: { id: number; name: string }[];
  /** The register's current names, for members and parties chosen from it. */
  organisationNames: ReadonlyMap<number, string>;
  /** The plan's delaftaler: focus area, working groups and computed budget. */
  agreements: {
    focusAreaId: number;
    focusArea: string;
    workingGroups: { name: string; members: { text: string }[] }[];
    budget: Budget;
  }[];
  source?: { number: number; status: StrategicVersionStatus; label: string } | null;
  approval?: StrategicAgreementView["approval"];
}

function memberView(m: BodyMember, names: ReadonlyMap<number, string>): StrategicMemberView {
  const organisation =
    (m.organisationId ? names.get(m.organisationId) : null) ?? m.organisationName ?? "";
  const who = [m.name, m.role ? m.role.toLocaleLowerCase("da") : ""].filter(Boolean).join(", ");
  return {
    name: m.name,
    organisation,
    role: m.role,
    text: organisation ? `${who} (${organisation})` : who,
  };
}

function bodyView(b: PlanBody, names: ReadonlyMap<number, string>): StrategicBodyView {
  return {
    name: b.name,
    description: b.description,
    members: b.members.map((m) => memberView(m, names)),
  };
}

const funderKey = (kind: FundingSourceKind, label: string) =>
  kind === "lbf" ? "lbf" : `${kind}:${label.toLocaleLowerCase("da")}`;

/**
 * The budget per focus area and funder, summed from the delaftaler's own budgets (R1, R2): one
 * row per focus area with an agreement; LBF first, then the local funders in order of appearance.
 */
export function strategicBudget(
  agreements: StrategicViewInput["agreements"],
  focusAreaOrder: { id: number }[] = [],
): StrategicBudgetView {
  const funders: StrategicBudgetFunder[] = [];
  const index = new Map<string, number>();
  const funderIndex = (kind: FundingSourceKind, label: string) => {
    const key = funderKey(kind, label);
    let i = index.get(key);
    if (i === undefined) {
      i = funders.length;
      index.set(key, i);
      funders.push({ key, kind, label: kind === "lbf" ? "Landsbyggefonden" : label });
    }
    return i;
  };
  // LBF always first when any agreement has it.
  if (agreements.some((a) => a.budget.lbf.length > 0)) funderIndex("lbf", "Landsbyggefonden");
  const position = new Map(focusAreaOrder.map((f, i) => [f.id, i]));
  const sorted = [...agreements].sort(
    (a, b) =>
      (position.get(a.focusAreaId) ?? 1e9) - (position.get(b.focusAreaId) ?? 1e9) ||
      a.focusArea.localeCompare(b.focusArea, "da"),
  );
  const perRow = sorted.map((a) => {
    const amounts = new Map<number, number>();
    for (const line of [...a.budget.lbf, ...a.budget.local]) {
      const i = funderIndex(line.kind, line.label);
      amounts.set(i, (amounts.get(i) ?? 0) + line.total);
    }
    return { a, amounts };
  });
  const rows: StrategicBudgetRow[] = [];
  for (const { a, amounts } of perRow) {
    const existing = rows.find((r) => r.focusAreaId === a.focusAreaId);
    const row = existing ?? {
      focusAreaId: a.focusAreaId,
      focusArea: a.focusArea,
      amounts: [],
      lbf: 0,
      local: 0,
      total: 0,
    };
    for (const [i, amount] of amounts) row.amounts[i] = (row.amounts[i] ?? 0) + amount;
    row.lbf += a.budget.lbfTotal.total;
    row.local += a.budget.localTotal.total;
    row.total += a.budget.total.total;
    if (!existing) rows.push(row);
  }
  for (const row of rows) row.amounts = funders.map((_, i) => row.amounts[i] ?? 0);
  const totals = {
    amounts: funders.map((_, i) => rows.reduce((s, r) => s + (r.amounts[i] ?? 0), 0)),
    lbf: rows.reduce((s, r) => s + r.lbf, 0),
    local: rows.reduce((s, r) => s + r.local, 0),
    total: rows.reduce((s, r) => s + r.total, 0),
  };
  const lbfShare = totals.total > 0 ? totals.lbf / totals.total : null;
  return {
    funders,
    rows,
    totals,
    lbfShare,
    lbfShareTooHigh: lbfShare !== null && lbfShare > MAX_LBF_SHARE,
  };
}

/** "Landsbyggefondens andel: 65,6 % (højst 75,0 %)" */
export function lbfShareText(budget: StrategicBudgetView): string | null {
  if (budget.lbfShare === null) return null;
  const text = `Landsbyggefondens andel af planen: ${formatPercent(budget.lbfShare)} (højst ${formatPercent(MAX_LBF_SHARE)})`;
  return budget.lbfShareTooHigh
    ? `${text}. Fonden kan højst betale ${formatPercent(MAX_LBF_SHARE)}; den lokale medfinansiering skal være mindst ${formatPercent(1 - MAX_LBF_SHARE)}.`
    : `${text}.`;
}

export function buildStrategicAgreementView(
  content: StrategicContent,
  input: StrategicViewInput,
): StrategicAgreementView {
  const names = input.organisationNames;
  const objectives = content.objectives.map((o, i) => ({
    key: o.key,
    number: i + 1,
    text: o.text,
  }));
  const byKey = new Map(objectives.map((o) => [o.key, o]));
  const goals = new Map(content.focusAreaGoals.map((g) => [g.focusAreaId, g]));
  const withAgreement = new Set(input.agreements.map((a) => a.focusAreaId));
  const source = input.source ?? null;
  return {
    planId: input.plan.id,
    title: `Strategisk samarbejdsaftale for ${input.plan.name}`,
    plan: input.plan,
    fundingRound: input.fundingRound,
    periodText: formatPeriod(input.plan.periodStart, input.plan.periodEnd),
    source: source ? "version" : "draft",
    versionNumber: source?.number ?? null,
    versionStatus: source?.status ?? null,
    statusLabel: source?.label ?? DRAFT_WORD,
    approval: input.approval ?? null,
    parties: content.parties.map((p) => ({
      name: (p.organisationId ? names.get(p.organisationId) : null) ?? p.name,
      signatoryName: p.signatoryName,
      signatoryTitle: p.signatoryTitle,
    })),
    vision: content.vision,
    objectives,
    board: { ...bodyView(content.board, names), termsOfReference: content.board.termsOfReference },
    followGroup: bodyView(content.followGroup, names),
    secretariat: bodyView(content.secretariat, names),
    workingGroups: [...input.agreements]
      .sort((a, b) => a.focusArea.localeCompare(b.focusArea, "da"))
      .flatMap((a) =>
        a.workingGroups.map((g) => ({
          focusArea: a.focusArea,
          name: g.name,
          members: g.members.map((m) => m.text),
        })),
      ),
    focusAreas: input.focusAreas
      .filter((f) => goals.has(f.id) || withAgreement.has(f.id))
      .map((f) => {
        const goal = goals.get(f.id);
        return {
          focusAreaId: f.id,
          name: f.name,
          goal: goal?.goal ?? "",
          objectives: (goal?.objectiveKeys ?? [])
            .map((k) => byKey.get(k))
            .filter((o): o is NonNullable<typeof o> => Boolean(o)),
          hasAgreement: withAgreement.has(f.id),
        };
      }),
    budget: strategicBudget(input.agreements, input.focusAreas),
    clauses: content.clauses,
  };
}

// --- headings shared by the screen and Word -----------------------------------------------------

export const STRATEGIC_HEADINGS = {
  parties: "Aftalens parter",
  period: "Periode",
  vision: "Vision",
  objectives: "Overordnede målsætninger",
  organisation: "Organisering",
  termsOfReference: "Kommissorium",
  workingGroups: "Arbejdsgrupper (fra delaftalerne)",
  focusAreas: "Indsatsområder og overordnede mål",
  budget: "Samlet budget pr. indsatsområde og finansieringskilde",
  clauses: "Øvrige bestemmelser",
  signatures: "Underskrifter",
} as const;

/** "Målsætning 1, 3" */
export function objectiveRefs(objectives: { number: number }[]): string {
  return objectives.length
    ? `${objectives.length === 1 ? "Målsætning" : "Målsætninger"} ${objectives.map((o) => o.number).join(", ")}`
    : "";
}

// --- diff of two versions -----------------------------------------------------------------------

/** The document as lines (headings, paragraphs, bullets) for a paragraph-level diff. */
export function strategicLines(view: StrategicAgreementView): Line[] {
  const H = STRATEGIC_HEADINGS;
  const out: Line[] = [];
  const h = (text: string) => out.push({ style: "heading", text });
  const p = (text: string) => {
    for (const part of text.split(/\n+/))
      if (part.trim()) out.push({ style: "paragraph", text: part });
  };
  const b = (text: string) => out.push({ style: "bullet", text });
  h(H.parties);
  for (const party of view.parties) {
    b(
      [party.name, [party.signatoryName, party.signatoryTitle].filter(Boolean).join(", ")]
        .filter(Boolean)
        .join(": "),
    );
  }
  h(H.period);
  p(view.periodText);
  h(H.vision);
  p(view.vision);
  h(H.objectives);
  for (const o of view.objectives) b(`${o.number}. ${o.text}`);
  h(H.organisation);
  for (const body of [view.board, view.followGroup, view.secretariat]) {
    h(body.name);
    p(body.description);
    for (const m of body.members) b(m.text);
  }
  h(H.termsOfReference);
  p(view.board.termsOfReference);
  h(H.workingGroups);
  for (const g of view.workingGroups) b(`${g.focusArea}: ${g.name} – ${g.members.join("; ")}`);
  h(H.focusAreas);
  for (const f of view.focusAreas) {
    h(f.name);
    p(f.goal);
    const refs = objectiveRefs(f.objectives);
    if (refs) p(refs);
  }
  h(H.budget);
  for (const row of view.budget.rows) {
    b(
      `${row.focusArea}: ${view.budget.funders
        .map((f, i) => `${f.label} ${formatAmount(row.amounts[i] ?? 0)}`)
        .join(", ")}; i alt ${formatAmount(row.total)}`,
    );
  }
  b(`I alt: ${formatAmount(view.budget.totals.total)}`);
  const share = lbfShareText(view.budget);
  if (share) p(share);
  h(H.clauses);
  for (const c of view.clauses) {
    h(c.heading);
    p(c.text);
  }
  return out;
}

/** The changes from `before` (null: nothing, for version 1) to `after`. */
export function diffStrategicViews(
  before: StrategicAgreementView | null,
  after: StrategicAgreementView,
): ParagraphDiff[] {
  return diffLines(before ? strategicLines(before) : [], strategicLines(after));
}
