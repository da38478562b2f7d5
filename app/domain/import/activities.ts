/**
 * Activity schemas: the schema's title ("Navn (jf. reference)"), responsibilities per party
 * ("Organisation: opgave, opgave" or a bold "Organisation:" with the duties as a list), and the
 * pairing of the agreement's list of activities with the schemas (a list line that differs from
 * its schema's name is the activity's short name). Pure.
 */
import type { DraftActivity } from "./types";

export function emptyActivity(name = ""): DraftActivity {
  return {
    name,
    shortName: null,
    reference: null,
    content: null,
    purposesLeadIn: null,
    purposes: [],
    targetGroupsLeadIn: null,
    targetGroups: [],
    criteria: [],
    responsibilities: [],
  };
}

/** "Gårdfester (jf. CFBU)" → name "Gårdfester", reference "jf. CFBU". */
export function splitReference(title: string): { name: string; reference: string | null } {
  const text = title.replace(/\s+/g, " ").trim();
  const match = /^(.*\S)\s*\(\s*(jf\.?\s[^()]*)\)$/iu.exec(text);
  return match ? { name: match[1]!, reference: match[2]!.trim() } : { name: text, reference: null };
}

/**
 * "Det Boligsociale Sekretariat: koordinerer, evaluerer" → the party and its duties; a line
 * ending in ":" is a party without duties yet. Null when the line does not start with a party.
 */
export function parseResponsibilityLine(line: string): { party: string; duties: string[] } | null {
  const match = /^([^:]{2,120}?):\s*(.*)$/su.exec(line.trim());
  if (!match) return null;
  const party = match[1]!.trim();
  // A party is a name, not a sentence: a handful of words.
  if (party.split(/\s+/).length > 12 || /[.;]$/.test(party) || /[.!?]\s+\p{Lu}/u.test(party)) {
    return null;
  }
  const rest = match[2]!.trim();
  const duties = rest
    ? rest
        .split(/\s*(?:,|;|\n)\s*/)
        .map((d) => d.replace(/^[•\-–*]\s*/, "").trim())
        .filter(Boolean)
    : [];
  return { party, duties };
}

const normalised = (s: string) => s.replace(/\s+/g, " ").trim().toLocaleLowerCase("da");

/**
 * Pairs the list of activities with the schemas: a list line equal to a schema's title (name
 * with its reference) or name belongs to it; the remaining lines and schemas are paired in order
 * when there are as many of each, and such a line is the schema's short name.
 */
export function pairActivityList(list: string[], activities: DraftActivity[]): DraftActivity[] {
  const titles = activities.map((a) =>
    normalised(a.reference ? `${a.name} (${a.reference})` : a.name),
  );
  const names = activities.map((a) => normalised(a.name));
  const matched = new Set<number>();
  const unmatchedLines: string[] = [];
  for (const line of list) {
    const n = normalised(line);
    const i = titles.findIndex((t, k) => !matched.has(k) && (t === n || names[k] === n));
    if (i >= 0) matched.add(i);
    else unmatchedLines.push(line);
  }
  const unmatched = activities.map((_, i) => i).filter((i) => !matched.has(i));
  if (!unmatchedLines.length || unmatchedLines.length !== unmatched.length) return activities;
  return activities.map((a, i) => {
    const k = unmatched.indexOf(i);
    if (k < 0) return a;
    const { name } = splitReference(unmatchedLines[k]!);
    return name && normalised(name) !== normalised(a.name) ? { ...a, shortName: name } : a;
  });
}
