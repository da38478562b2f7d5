/**
 * An application to a dispositionsfond as documents show it: the facts, the texts, the budget and
 * other funding with totals, the computed key figures, for the fund administration the guideline
 * checklist and assessment, and for a decided application the decision letter's parts (the
 * decision in words, the granted amounts, the conditions and the yearly report deadlines). Built
 * from what the application model returns (`getApplication`); pure and client-safe, so the Word
 * templates and a screen can share it. Amounts stay whole kroner; the texts are Danish.
 */
import {
  checklistStateLabels,
  fundApplicationStatusLabels,
  fundDecisionLabels,
  fundFundingKindLabels,
  fundNeedLabels,
  fundRecommendationLabels,
  isDecided,
  isFundManager,
  type ApplicationTotals,
  type ChecklistItem,
  type ChecklistState,
  type FundApplicationStatus,
  type FundDecision,
  type FundFundingKind,
  type FundNeed,
  type FundRecommendation,
  type FundRole,
} from "./disposition-fund";
import { formatAmount, formatDate, formatPercent, todayInDenmark } from "./format";
import { formatReportDue, reportDeadline } from "./reporting";
import { isRichTextEmpty, type RichText } from "./rich-text";

/**
 * What the view needs from the application page's data (the shape `getApplication` returns;
 * declared here because client-safe code may not import the model).
 */
export interface FundApplicationSource {
  role: FundRole;
  fund: { name: string; organisationName: string; reportDueMonthDay: string };
  estate: { name: string };
  application: {
    title: string;
    description: RichText | null;
    purpose: RichText | null;
    need: FundNeed;
    notOrdinaryActivity: boolean;
    startYear: number;
    endYear: number;
    tenancies: number | null;
    status: FundApplicationStatus;
    funding: readonly {
      kind: FundFundingKind;
      planName: string | null;
      name: string | null;
      amount: number;
    }[];
    assessment: string | null;
    recommendation: FundRecommendation | null;
    assessedAt: string | null;
    assessedBy: string | null;
    decisionDate: string | null;
    decisionConditions: string | null;
    decidedBy: string | null;
    submittedAt: string | null;
    submittedBy: string | null;
    createdBy: string | null;
  };
  totals: ApplicationTotals;
  checklist: readonly ChecklistItem[];
  grant: { years: readonly { year: number; amount: number }[]; total: number } | null;
}

export interface LabelValue {
  label: string;
  value: string;
}

export const FUND_APPLICATION_HEADINGS = {
  description: "Beskrivelse af indsatsen",
  purpose: "Formål",
  budget: "Budget",
  funding: "Anden finansiering",
  keyFigures: "Nøgletal",
  checklist: "Tjekliste efter fondens retningslinjer",
  assessment: "Fondsadministrationens vurdering",
  decision: "Afgørelse",
  granted: "Bevilget beløb",
  conditions: "Vilkår",
  remarks: "Bemærkninger",
  reports: "Afrapportering",
} as const;

export const NOT_FILLED_IN = "Ikke udfyldt";
export const NO_OTHER_FUNDING = "Der er ikke søgt eller opnået anden finansiering.";
export const TOTAL_LABEL = "I alt";
/** The columns of an application's budget per year, on screen and in the Word document. */
export const BUDGET_COLUMN_LABELS = {
  year: "År",
  requested: "Ansøgt beløb",
  own: "Egenfinansiering",
  total: TOTAL_LABEL,
  perTenancy: "Ansøgt pr. lejemål",
} as const;
export const CLOSING_GREETING = "Med venlig hilsen";

export function applicationDocumentTitle(fundName: string): string {
  return `Ansøgning til ${fundName}`;
}

export function decisionLetterTitle(fundName: string): string {
  return `Afgørelse om støtte fra ${fundName}`;
}

export interface BudgetRowView {
  year: number;
  requested: number;
  own: number;
  total: number;
}

export interface FundingRowView {
  kind: FundFundingKind;
  kindLabel: string;
  name: string;
  amount: number;
}

export interface ChecklistRowView {
  label: string;
  state: ChecklistState;
  stateLabel: string;
  detail: string;
}

export interface GrantedYearView {
  year: number;
  requested: number;
  granted: number;
}

export interface FundDecisionView {
  decision: FundDecision;
  decisionLabel: string;
  /** The board's decision date (yyyy-MM-dd). */
  decisionDate: string;
  /** The letter's date (yyyy-MM-dd): the board's decision date, so every copy carries the same. */
  letterDate: string;
  /** The addressee's lines: the estate's board, c/o the person who applied. */
  addressee: string[];
  subject: string;
  /** The decision in words ("Organisationsbestyrelsen har den … besluttet at …"). */
  decisionText: string;
  /** Per year applied for or granted; empty for a rejection. */
  granted: GrantedYearView[];
  grantedTotal: number;
  requestedTotal: number;
  conditions: string | null;
  /** The yearly report obligation in words; null for a rejection. */
  reportText: string | null;
  /** The report on each grant year and its due date (yyyy-MM-dd). */
  reportDeadlines: { year: number; due: string }[];
  /** Who signs: the fund administrator who recorded the decision, for the organisation board. */
  signer: { name: string | null; onBehalfOf: string };
  contactText: string;
}

export interface FundApplicationView {
  fundName: string;
  organisationName: string;
  estateName: string;
  title: string;
  status: FundApplicationStatus;
  statusLabel: string;
  /** The fund administration's copy: with checklist and assessment. */
  forFundAdministration: boolean;
  facts: LabelValue[];
  description: RichText | null;
  purpose: RichText | null;
  budget: BudgetRowView[];
  budgetTotal: Omit<BudgetRowView, "year">;
  funding: FundingRowView[];
  fundingTotal: number;
  keyFigures: LabelValue[];
  /** Null in the applicant's copy. */
  checklist: ChecklistRowView[] | null;
  /** Null in the applicant's copy and until the fund administration has assessed. */
  assessment: { text: string; recommendation: string | null; by: string | null } | null;
  /** Null until the organisation board has decided. */
  decision: FundDecisionView | null;
}

export type DecidedFundApplicationView = FundApplicationView & { decision: FundDecisionView };

export function hasDecision(view: FundApplicationView): view is DecidedFundApplicationView {
  return view.decision !== null;
}

/** A timestamp's calendar date in Denmark, as "1. marts 2017". */
export function danishDate(iso: string): string {
  return formatDate(todayInDenmark(new Date(iso)));
}

/** "2026–2028 (3 år)", "2026 (1 år)" */
export function yearSpanText(startYear: number, endYear: number): string {
  const years = Math.max(0, endYear - startYear + 1);
  return startYear === endYear ? `${startYear} (1 år)` : `${startYear}–${endYear} (${years} år)`;
}

/** "2024–2025" or "2026" for a list of years in order. */
function yearsText(years: readonly number[]): string {
  if (!years.length) return "";
  const first = years[0]!;
  const last = years[years.length - 1]!;
  return first === last ? String(first) : `${first}–${last}`;
}

const kroner = (value: number) => formatAmount(Math.round(value));

function fundingName(row: FundApplicationSource["application"]["funding"][number]): string {
  return row.planName ?? row.name ?? fundFundingKindLabels[row.kind];
}

function facts(source: FundApplicationSource): LabelValue[] {
  const { application: a, estate, fund } = source;
  const rows: LabelValue[] = [
    { label: "Ansøgning", value: a.title },
    { label: "Afdeling", value: estate.name },
    { label: "Boligorganisation", value: fund.organisationName },
    {
      label: "Antal lejemål",
      value: a.tenancies == null ? NOT_FILLED_IN : String(a.tenancies),
    },
    { label: "Periode", value: yearSpanText(a.startYear, a.endYear) },
    { label: "Behov", value: fundNeedLabels[a.need] },
    {
      label: "Ikke en almindelig fællesaktivitet",
      value: a.notOrdinaryActivity ? "Bekræftet af ansøgeren" : "Ikke bekræftet",
    },
    { label: "Status", value: fundApplicationStatusLabels[a.status] },
    {
      label: "Indsendt",
      value: a.submittedAt
        ? `${danishDate(a.submittedAt)}${a.submittedBy ? ` af ${a.submittedBy}` : ""}`
        : "Ikke indsendt",
    },
  ];
  if (isDecided(a.status) && a.decisionDate) {
    rows.push({ label: "Afgjort", value: formatDate(a.decisionDate) });
  }
  return rows;
}

function keyFigures(totals: ApplicationTotals, tenancies: number | null): LabelValue[] {
  const missing = tenancies ? null : "Antal lejemål mangler";
  return [
    {
      label: "Samlet budget (ansøgt, egenfinansiering og anden finansiering)",
      value: formatAmount(totals.total),
    },
    { label: "Ansøgt beløb i alt", value: formatAmount(totals.requested) },
    { label: "Egenfinansiering i alt", value: formatAmount(totals.own) },
    { label: "Anden finansiering i alt", value: formatAmount(totals.other) },
    {
      label: "Egenfinansieringens andel af budgettet",
      value: totals.ownShare == null ? "–" : formatPercent(totals.ownShare),
    },
    {
      label: "Ansøgt beløb pr. lejemål pr. år (gennemsnit)",
      value: missing ?? kroner(totals.perTenancyPerYear ?? 0),
    },
    {
      label: "Højeste ansøgte beløb pr. lejemål i et år",
      value: missing ?? kroner(totals.highestPerTenancy ?? 0),
    },
  ];
}

/** The decision in words, as the letter states it. */
export function decisionText(input: {
  decision: FundDecision;
  decisionDate: string;
  fundName: string;
  title: string;
  requestedTotal: number;
  grantedTotal: number;
  grantedYears: readonly number[];
}): string {
  const { decision, fundName, title } = input;
  const opening = `Organisationsbestyrelsen har den ${formatDate(input.decisionDate)} besluttet at`;
  const years = yearsText(input.grantedYears);
  const period = years ? ` for ${years}` : "";
  switch (decision) {
    case "approved":
      return `${opening} bevilge ${formatAmount(input.grantedTotal)} fra ${fundName} til «${title}»${period}, som ansøgt.`;
    case "approved_reduced":
      return `${opening} bevilge et lavere beløb end ansøgt: ${formatAmount(input.grantedTotal)} af de ansøgte ${formatAmount(input.requestedTotal)} fra ${fundName} til «${title}»${period}.`;
    case "rejected":
      return `${opening} give afslag på ansøgningen om ${formatAmount(input.requestedTotal)} fra ${fundName} til «${title}».`;
  }
}

function decisionView(source: FundApplicationSource): FundDecisionView | null {
  const { application: a, fund, estate, totals, grant } = source;
  if (!isDecided(a.status) || !a.decisionDate) return null;
  const decision = a.status;
  const grantYears = decision === "rejected" ? [] : [...(grant?.years ?? [])];
  const grantedBy = new Map(grantYears.map((g) => [g.year, g.amount]));
  const requestedBy = new Map(totals.years.map((y) => [y.year, y.requested]));
  const granted =
    decision === "rejected"
      ? []
      : [
          ...new Set([
            ...totals.years.filter((y) => y.requested > 0).map((y) => y.year),
            ...grantedBy.keys(),
          ]),
        ]
          .sort((x, y) => x - y)
          .map((year) => ({
            year,
            requested: requestedBy.get(year) ?? 0,
            granted: grantedBy.get(year) ?? 0,
          }));
  const grantedTotal = grantYears.reduce((sum, g) => sum + g.amount, 0);
  const grantedYears = grantYears.map((g) => g.year).sort((x, y) => x - y);
  const applicant = a.submittedBy ?? a.createdBy;
  return {
    decision,
    decisionLabel: fundDecisionLabels[decision],
    decisionDate: a.decisionDate,
    letterDate: a.decisionDate,
    addressee: ["Afdelingsbestyrelsen", estate.name, ...(applicant ? [`c/o ${applicant}`] : [])],
    subject: `Vedr.: Ansøgning om støtte til «${a.title}» (${yearSpanText(a.startYear, a.endYear)})`,
    decisionText: decisionText({
      decision,
      decisionDate: a.decisionDate,
      fundName: fund.name,
      title: a.title,
      requestedTotal: totals.requested,
      grantedTotal,
      grantedYears,
    }),
    granted,
    grantedTotal,
    requestedTotal: totals.requested,
    conditions: a.decisionConditions?.trim() ? a.decisionConditions : null,
    reportText:
      decision === "rejected"
        ? null
        : `Afdelingen afrapporterer for hvert år i bevillingen forbrug og aktiviteter til organisationsbestyrelsen, senest ${formatReportDue(fund.reportDueMonthDay)} året efter. Fristerne er:`,
    reportDeadlines: grantedYears.map((year) => ({
      year,
      due: reportDeadline(year, fund.reportDueMonthDay),
    })),
    signer: {
      name: a.decidedBy,
      onBehalfOf: `På vegne af organisationsbestyrelsen i ${fund.organisationName}`,
    },
    contactText: `Kontakt fondsadministrationen for ${fund.name}, hvis I har spørgsmål til afgørelsen.`,
  };
}

/**
 * The application's view for a document. Fund administrators (and administrators) get their
 * copy with the guideline checklist and the assessment; applicants get the application as sent.
 */
export function buildFundApplicationView(source: FundApplicationSource): FundApplicationView {
  const { application: a, fund, estate, totals } = source;
  const manager = isFundManager(source.role);
  const budget = totals.years.map((y) => ({
    year: y.year,
    requested: y.requested,
    own: y.own,
    total: y.total,
  }));
  const funding = a.funding.map((f) => ({
    kind: f.kind,
    kindLabel: fundFundingKindLabels[f.kind],
    name: fundingName(f),
    amount: f.amount,
  }));
  return {
    fundName: fund.name,
    organisationName: fund.organisationName,
    estateName: estate.name,
    title: a.title,
    status: a.status,
    statusLabel: fundApplicationStatusLabels[a.status],
    forFundAdministration: manager,
    facts: facts(source),
    description: isRichTextEmpty(a.description) ? null : a.description,
    purpose: isRichTextEmpty(a.purpose) ? null : a.purpose,
    budget,
    budgetTotal: {
      requested: totals.requested,
      own: totals.own,
      total: totals.requested + totals.own,
    },
    funding,
    fundingTotal: totals.other,
    keyFigures: keyFigures(totals, a.tenancies),
    checklist: manager
      ? source.checklist.map((item) => ({
          label: item.label,
          state: item.state,
          stateLabel: checklistStateLabels[item.state],
          detail: item.detail,
        }))
      : null,
    assessment:
      manager && a.assessment?.trim()
        ? {
            text: a.assessment,
            recommendation: a.recommendation ? fundRecommendationLabels[a.recommendation] : null,
            by: a.assessedBy,
          }
        : null,
    decision: decisionView(source),
  };
}
