/**
 * The walk's side of the labels: which mode a label switches the walk to, labels run together in
 * one bold paragraph ("**Formål:****Formålet er:**"), and which template edition an opening
 * clause is. Pure.
 */
import type { Inline } from "../rich-text";
import { OPENING_CLAUSE_DEFAULTS, type TemplateEdition } from "../texts.da";
import type { Mode } from "./content";
import { yearColumns } from "./financing";
import { matchLabel, normaliseLabel, type LabelKey, type LabelMatch } from "./labels";

export const LABEL_MODES: Partial<Record<LabelKey, Mode>> = {
  "plan-name": "plan-name",
  parties: "parties",
  primary: "parties",
  secondary: "parties",
  "working-groups": "working-group",
  problem: "problem",
  "purpose-umbrella": "none",
  purposes: "purposes",
  goals: "goals",
  "sub-goals": "sub-goals",
  "primary-target-group": "primary-target-group",
  method: "method",
  criteria: "criteria",
  "activity-list": "activity-list",
  interplay: "interplay",
  anchoring: "anchoring",
  financing: "financing",
  "financing-total": "financing",
  staff: "staff",
  conflict: "conflict",
  revision: "revision",
  validity: "validity",
  schemas: "schemas",
  "activity-name": "activity-name",
  "activity-content": "activity-content",
  "activity-purposes": "activity-purposes",
  "activity-target-groups": "activity-target-groups",
  "activity-criteria": "activity-criteria",
  "activity-criteria-note": "activity-criteria",
  "activity-roles": "activity-roles",
};

/** Inside a schema, these agreement labels are the schema's own rows. */
export const IN_ACTIVITY: Partial<Record<LabelKey, LabelKey>> = {
  goals: "activity-purposes",
  method: "activity-content",
  "sub-goals": "activity-purposes",
};

/** The runs, with bold runs cut after each colon ("Formål:" | "Formålet er:"). */
export function boldSegments(content: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const run of content) {
    if (!run.bold) {
      out.push(run);
      continue;
    }
    const parts = run.text.split(/(?<=:)/);
    for (const part of parts) if (part) out.push({ ...run, text: part });
  }
  return out;
}

/**
 * A bold segment that ends in a label ("Din afdeling – din tryghedIndhold og praksis
 * (aktivitetsbeskrivelse):", where Word kept two bold runs as one): where the label starts.
 */
export function trailingLabel(
  text: string,
  inActivity: boolean,
): { at: number; match: LabelMatch } | null {
  for (let at = 1; at < text.length; at++) {
    const ch = text[at]!;
    const before = text[at - 1]!;
    if (!/\p{Lu}/u.test(ch) || /\p{L}/u.test(before)) continue;
    const match = matchLabel(text.slice(at), inActivity, true);
    if (match) return { at, match };
  }
  return null;
}

/** The edition whose opening clause the text is, exactly or by its key words. */
export function templateEditionOf(openingText: string | null): TemplateEdition | null {
  if (!openingText) return null;
  const norm = normaliseLabel(openingText);
  for (const edition of ["older", "2018"] as const) {
    if (norm === normaliseLabel(OPENING_CLAUSE_DEFAULTS[edition])) return edition;
  }
  if (/strategiske samarbejdsaftale|til enhver tid understøtter/u.test(norm)) return "2018";
  if (/ajourføres|ajourført/u.test(norm)) return "older";
  return null;
}

/**
 * What a table is, by its header row: criteria (criterion | data source), the financing totals
 * (Organisation | Finansiering), a per-year financing table (a column per year), or null (read
 * row by row as label | content).
 */
export function tableKind(
  header: string[],
  inActivity: boolean,
): "criteria" | "financing" | "yearly" | null {
  const h0 = header[0] ? matchLabel(header[0], inActivity) : null;
  const h1 = header[1] ? matchLabel(header[1], inActivity) : null;
  if (header.length === 2 && h1?.key === "data-source") {
    if (h0?.key === "criteria" || h0?.key === "activity-criteria") return "criteria";
  }
  if (header.length === 2 && h0?.key === "financing" && h1?.key === "financing") {
    return "financing";
  }
  if (yearColumns(header) && (!header[0] || h0?.key === "financing")) return "yearly";
  return null;
}
