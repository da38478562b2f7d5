/**
 * The template's section labels and a tolerant way to recognise them in a Word file. Real files
 * write the same label as a heading, a bold paragraph or the first cell of a two-column table,
 * with or without a trailing colon, in other cases, with odd spacing and small wording changes.
 * A text matches a label when, normalised (lower case, punctuation and spacing dropped), it
 * equals one of the label's variants, is within a small edit distance of it, or (for labels
 * marked `prefix`) starts with it. Pure and client-safe.
 */
import type { ImportSection } from "./types";

/** Where the text after a label goes while the walk reads the document. */
export type LabelKey =
  | "title"
  | "opening"
  | "plan-name"
  | "parties"
  | "primary"
  | "secondary"
  | "working-groups"
  | "problem"
  | "purpose-umbrella"
  | "purposes"
  | "goals"
  | "sub-goals"
  | "primary-target-group"
  | "method"
  | "criteria"
  | "data-source"
  | "activity-list"
  | "interplay"
  | "anchoring"
  | "financing"
  | "financing-total"
  | "staff"
  | "conflict"
  | "revision"
  | "validity"
  | "schemas"
  | "activity-name"
  | "activity-content"
  | "activity-purposes"
  | "activity-target-groups"
  | "activity-criteria"
  | "activity-criteria-note"
  | "activity-roles";

/** Whether a label belongs to the agreement, to an activity schema, or to both (by context). */
type Scope = "agreement" | "activity" | "both";

interface LabelEntry {
  key: LabelKey;
  /** The same label inside an activity schema ("Formål:" there is the activity's). */
  activityKey?: LabelKey;
  scope: Scope;
  /** Normalised variants that match exactly or within the edit distance. */
  variants: string[];
  /** Normalised beginnings that match whatever follows ("Revision af delaftalen (…)"). */
  prefixes?: string[];
  /** Variants that are a lead-in line rather than a bare label ("Formålet er:"). */
  leadIns?: string[];
}

export const LABELS: LabelEntry[] = [
  { key: "title", scope: "agreement", variants: [], prefixes: ["delaftale for indsatsområdet"] },
  {
    key: "plan-name",
    scope: "agreement",
    variants: [
      "navn på den boligsociale indsats som delaftalen vedrører",
      "navn på den boligsociale indsats",
      "navn på helhedsplanen",
    ],
    prefixes: ["navn på den boligsociale indsats"],
  },
  { key: "parties", scope: "agreement", variants: ["aftalens parter", "parter"] },
  {
    key: "primary",
    scope: "agreement",
    variants: ["primære samarbejdspartnere", "primære samarbejdspartner", "primære parter"],
  },
  {
    key: "secondary",
    scope: "agreement",
    variants: ["sekundære samarbejdspartnere", "sekundære samarbejdspartner", "sekundære parter"],
  },
  { key: "working-groups", scope: "agreement", variants: ["arbejdsgrupper"] },
  {
    key: "problem",
    scope: "agreement",
    variants: ["problemkompleks for indsatsområdet", "problemkompleks", "problemkomplekset"],
  },
  {
    key: "purpose-umbrella",
    scope: "agreement",
    variants: [
      "formål og lokalt opstillede målinger for indsatsområdet",
      "formål og lokalt opstillede målinger",
      "formål mål og metode",
    ],
  },
  {
    key: "purposes",
    activityKey: "activity-purposes",
    scope: "both",
    variants: ["formål", "formål for indsatsområdet"],
    leadIns: ["formålet er", "formålet med indsatsen er", "formål med indsatsen er"],
  },
  {
    key: "goals",
    scope: "agreement",
    variants: ["mål", "mål for indsatsområdet"],
    leadIns: ["målet er", "målene er"],
  },
  { key: "sub-goals", scope: "agreement", variants: ["delmål"] },
  {
    key: "primary-target-group",
    activityKey: "activity-target-groups",
    scope: "both",
    variants: [
      "primær målgruppe for indsatsområdet",
      "primær målgruppe",
      "målgruppe",
      "målgrupper",
      "målgruppen",
      "målgruppe r",
    ],
  },
  { key: "method", scope: "agreement", variants: ["metode", "metoder", "metode og tilgang"] },
  {
    key: "criteria",
    activityKey: "activity-criteria",
    scope: "both",
    variants: [
      "succeskriterier og datakilder",
      "lokalt opstillede målinger succeskriterier",
      "lokalt opstillede målinger",
      "succeskriterier",
    ],
  },
  { key: "data-source", scope: "both", variants: ["datakilde", "datakilder"] },
  {
    key: "activity-list",
    scope: "agreement",
    variants: ["aktiviteter", "aktivitetsliste", "delaftalens aktiviteter"],
    prefixes: ["aktiviteter som skal bidrage til indfrielse af"],
  },
  {
    key: "interplay",
    scope: "agreement",
    variants: [
      "samspil med og supplement til den kommunale indsats i boligområdet",
      "samspil med den kommunale indsats",
    ],
    prefixes: ["samspil med og supplement til den kommunale indsats"],
  },
  {
    key: "anchoring",
    scope: "agreement",
    variants: ["forankring af aktiviteterne", "forankring"],
    prefixes: ["forankring af aktiviteterne"],
  },
  {
    key: "financing",
    scope: "agreement",
    variants: ["finansiering", "organisation", "finansiering pr år", "budget", "økonomi"],
  },
  {
    key: "financing-total",
    scope: "agreement",
    variants: ["samlet budget for indsatsområdet", "samlet budget", "i alt"],
  },
  {
    key: "staff",
    scope: "agreement",
    variants: ["medarbejderressourcer på indsatsområdet", "medarbejderressourcer"],
  },
  {
    key: "conflict",
    scope: "agreement",
    variants: ["konflikthåndtering og underretning", "konflikthåndtering"],
  },
  { key: "revision", scope: "agreement", variants: [], prefixes: ["revision af delaftalen"] },
  {
    key: "validity",
    scope: "agreement",
    variants: ["delaftalen gælder fra", "gyldighed", "aftalens gyldighed", "delaftalens varighed"],
  },
  {
    key: "schemas",
    scope: "agreement",
    variants: ["aktivitetsskemaer", "aktivitetsskema"],
    prefixes: [
      "aktivitetsskemaer",
      "aktiviteter som skal bidrage til indfrielsen af mål for indsatsområdet",
    ],
  },
  {
    key: "activity-name",
    scope: "both",
    variants: ["aktivitetsnavn", "aktivitetens navn", "navn på aktiviteten"],
  },
  {
    key: "activity-content",
    scope: "activity",
    variants: [
      "indhold og praksis aktivitetsbeskrivelse",
      "indhold og praksis",
      "aktivitetsbeskrivelse",
    ],
  },
  {
    key: "activity-criteria",
    scope: "activity",
    variants: ["succeskriterier og datakilde for aktiviteten", "succeskriterier for aktiviteten"],
    prefixes: ["succeskriterier og datakilde for aktiviteten"],
  },
  {
    key: "activity-criteria-note",
    scope: "activity",
    variants: [
      "succeskriterierne skal fremgå af aktivitetsskemaet",
      "obs disse skal fremgå af aktivitetsskemaet",
    ],
  },
  {
    key: "activity-roles",
    scope: "activity",
    variants: ["organisering ansvar og rollefordeling", "organisering og ansvar"],
  },
];

/** Which section of the review screen a label belongs to (for destinations and sectionsFound). */
export const LABEL_SECTIONS: Record<LabelKey, ImportSection> = {
  title: "title",
  opening: "opening",
  "plan-name": "plan-name",
  parties: "parties",
  primary: "parties",
  secondary: "parties",
  "working-groups": "working-groups",
  problem: "problem",
  "purpose-umbrella": "purpose",
  purposes: "purpose",
  goals: "goals",
  "sub-goals": "goals",
  "primary-target-group": "primary-target-group",
  method: "method",
  criteria: "criteria",
  "data-source": "criteria",
  "activity-list": "activity-list",
  interplay: "interplay",
  anchoring: "anchoring",
  financing: "financing",
  "financing-total": "financing",
  staff: "staff",
  conflict: "conflict",
  revision: "revision",
  validity: "validity",
  schemas: "activity",
  "activity-name": "activity",
  "activity-content": "activity",
  "activity-purposes": "activity",
  "activity-target-groups": "activity",
  "activity-criteria": "activity",
  "activity-criteria-note": "activity",
  "activity-roles": "activity",
};

/**
 * Lower case, soft breaks and runs of spaces as one space, punctuation (colons, commas, brackets,
 * dashes, bullets, asterisks) dropped: "Målgruppe(r):" → "målgruppe r".
 */
export function normaliseLabel(text: string): string {
  return text
    .toLocaleLowerCase("da")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * How many typing differences a variant of this length tolerates: none for short words ("mål"
 * must not match "mad"), one up to 12 letters, then about one per ten letters, at most four.
 */
export function allowedDistance(length: number): number {
  if (length <= 5) return 0;
  if (length <= 12) return 1;
  return Math.min(4, Math.floor(length / 10) + 1);
}

export interface LabelMatch {
  key: LabelKey;
  /** The label was a lead-in line ("Formålet er:"): its text is kept as the list's lead-in. */
  leadIn: boolean;
}

/** A label longer than this is ordinary text, whatever it starts with. */
const MAX_LABEL_WORDS = 30;

/**
 * The label `text` is, if any. `inActivity`: the walk is inside an activity schema, so labels
 * that both the agreement and a schema use ("Formål", "Målgruppe", "Succeskriterier") are the
 * schema's. `strict`: only exact variants and prefixes (for text that is not bold, a heading or
 * a table's label cell, where a near miss is more likely ordinary text).
 */
export function matchLabel(text: string, inActivity = false, strict = false): LabelMatch | null {
  const norm = normaliseLabel(text);
  if (!norm || norm.split(" ").length > MAX_LABEL_WORDS) return null;
  const resolve = (entry: LabelEntry, leadIn: boolean): LabelMatch => ({
    key: inActivity && entry.activityKey ? entry.activityKey : entry.key,
    leadIn,
  });
  // Exact matches first, over the whole catalogue, so "mål" never loses to a near miss elsewhere.
  for (const entry of LABELS) {
    if (entry.variants.includes(norm)) return resolve(entry, false);
    if (entry.leadIns?.includes(norm)) return resolve(entry, true);
  }
  for (const entry of LABELS) {
    for (const prefix of entry.prefixes ?? []) {
      if (norm === prefix || norm.startsWith(`${prefix} `)) return resolve(entry, false);
    }
  }
  if (strict) return null;
  let best: { entry: LabelEntry; leadIn: boolean; distance: number } | null = null;
  for (const entry of LABELS) {
    const candidates: [string, boolean][] = [
      ...entry.variants.map((v): [string, boolean] => [v, false]),
      ...(entry.leadIns ?? []).map((v): [string, boolean] => [v, true]),
    ];
    for (const [variant, leadIn] of candidates) {
      const max = allowedDistance(variant.length);
      if (max === 0) continue;
      const distance = editDistance(norm, variant, max);
      if (distance <= max && (!best || distance < best.distance)) {
        best = { entry, leadIn, distance };
      }
    }
  }
  return best ? resolve(best.entry, best.leadIn) : null;
}

/** The focus area's name in "Delaftale for indsatsområdet Tryghed og trivsel". */
export function focusAreaFromTitle(title: string): string | null {
  const match = /^\s*delaftale\s+for\s+indsatsområdet\s*[:\-–]?\s*(.+?)\s*$/isu.exec(
    title.replace(/\s+/g, " "),
  );
  return match?.[1]?.replace(/^[«"']|[»"']$/g, "").trim() || null;
}

/** The name after "Aktivitetsskemaer: " is the focus area again: nothing to keep. */
export function isSchemasHeading(text: string): boolean {
  return normaliseLabel(text).startsWith("aktivitetsskema");
}
