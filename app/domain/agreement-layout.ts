/**
 * The fund template's labels for the agreement's second half, where the template is two-column
 * tables (label | content): financing, staff, clauses, validity and one schema per activity. The
 * Word document and the screen's document view both use these, so they print the same words.
 */
import type { Budget, BudgetLine } from "./budget";
import { ACTIVITY_CRITERIA_NOTE, REVISION_CLAUSE_NOTE } from "./texts.da";
import type { ActivityLine } from "./agreement-view";

export const FINANCING_LABELS = {
  organisation: "Organisation",
  financing: "Finansiering",
  lbf: "Landsbyggefonden",
  local: "Lokal medfinansiering",
  total: "Samlet budget for indsatsområdet",
  /** The first header cell of the per-year table that follows when yearly amounts exist. */
  yearly: "Finansiering pr. år",
  /** The per-year table's total column and total row. */
  yearlyTotal: "I alt",
} as const;

/** A year without an amount of its own: the line has only a total for the whole period. */
export const NO_YEARLY_AMOUNT = "–";

/** The fund's note on revised agreements goes into the label, in brackets, as in the template. */
const revisionNote = REVISION_CLAUSE_NOTE.replace(/\.$/, "");

export const CLAUSE_LABELS = {
  staff: "Medarbejderressourcer på indsatsområdet",
  conflict: "Konflikthåndtering og underretning:",
  revision: `Revision af delaftalen (${revisionNote}):`,
  validity: "Delaftalen gælder fra:",
} as const;

/** The template's line above the activity schemas. */
export const SCHEMAS_LEAD =
  "Aktiviteter, som skal bidrage til indfrielsen af mål for indsatsområdet";

export const SCHEMA_LABELS = {
  name: "Aktivitetsnavn:",
  content: "Indhold og praksis (aktivitetsbeskrivelse):",
  purposes: "Formål:",
  targetGroups: "Målgruppe(r):",
  criteria: "Succeskriterier og datakilde for aktiviteten:",
  roles: "Organisering, ansvar og rollefordeling:",
} as const;

/** The header of the criteria table inside an activity schema. */
export const SCHEMA_CRITERIA_HEADER: [string, string] = ["Succeskriterier:", "Datakilde:"];
export { ACTIVITY_CRITERIA_NOTE };

/**
 * A Landsbyggefonden line says it is the fund's even when the secretariat named it
 * ("Landsbyggefonden (Driftsstøtte)"); local lines are the organisation or "Lokal medfinansiering".
 */
export function budgetLineLabel(line: BudgetLine): string {
  if (line.kind !== "lbf" || line.label === FINANCING_LABELS.lbf) return line.label;
  return `${FINANCING_LABELS.lbf} (${line.label})`;
}

/** The lines in the template's order: the fund first, then the local co-financing. */
export function budgetLines(budget: Budget): BudgetLine[] {
  return [...budget.lbf, ...budget.local];
}

/** Whether the financing table has anything to show: some line with an amount. */
export function hasFinancing(budget: Budget): boolean {
  return budgetLines(budget).some((line) => line.total !== 0);
}

/**
 * Whether an activity's schema has anything beyond its name. One that does not gets no schema in
 * the document: the checklist already says what is missing.
 */
export function hasSchemaContent(activity: ActivityLine): boolean {
  return Boolean(
    activity.content ||
    activity.purposesLeadIn ||
    activity.purposes.some((p) => p.trim()) ||
    activity.targetGroupsLeadIn ||
    activity.targetGroups.some((t) => t.trim()) ||
    activity.criteria.length ||
    activity.responsibilities.some((r) => r.party.trim() || r.duties.some((d) => d.trim())),
  );
}
