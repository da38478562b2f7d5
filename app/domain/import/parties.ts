/**
 * Parties and working-group members as agreements write them: "Organisation" with "v. titel
 * Navn" on the next line (or after a soft break, or on the same line after a comma), and member
 * lines such as "En repræsentant fra SSP", "3 beboerdemokrater (Aske, Berit, Carlo)" and "Signe
 * Lykkegaard, koordinator (Sekretariatet for Kildeparken)". Pure.
 */
import type { DraftPerson, ImportDraft } from "./types";

export type DraftParty = ImportDraft["parties"][number];
export type DraftMember = ImportDraft["workingGroups"][number]["members"][number];

/** Particles inside a name that are written in lower case ("Ida von Gersdorf"). */
const NAME_PARTICLES = new Set(["von", "van", "de", "la", "le", "da", "di", "af", "du", "der"]);

const isCapitalised = (word: string) => /^\p{Lu}/u.test(word);
/** A word of a name: capitalised, or a number ("Kontaktperson 2"). */
const isNameWord = (word: string) => /^[\p{Lu}\d]/u.test(word);

/**
 * "ejendomsleder Bjarne Østergaard" → title "ejendomsleder", name "Bjarne Østergaard". The name
 * is the trailing run of capitalised words (lower-case particles allowed inside it); the title
 * is what comes before. "Sekretariatsleder Hanne Vinkel Søgaard" (a capitalised title): with
 * three or more capitalised words the first is taken as the title when it reads like one.
 */
export function parsePerson(text: string): DraftPerson | null {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  if (!words.length) return null;
  let start = words.length;
  while (start > 0) {
    const word = words[start - 1]!;
    if (isNameWord(word)) start--;
    else if (NAME_PARTICLES.has(word) && start - 1 > 0 && start < words.length) start--;
    else break;
  }
  while (start < words.length && NAME_PARTICLES.has(words[start]!)) start++;
  if (start === words.length) return { name: words.join(" "), title: null };
  if (start === 0 && words.length >= 3 && looksLikeTitle(words[0]!)) start = 1;
  const title = words.slice(0, start).join(" ").replace(/,$/, "") || null;
  return { name: words.slice(start).join(" "), title };
}

const TITLE_ENDINGS =
  /(leder|chef|konsulent|medarbejder|koordinator|direktør|formand|næstformand|præst|rådgiver|assistent|sekretær|ansvarlig|inspektør|lærer|pædagog|betjent|direktor|forstander)$/i;

function looksLikeTitle(word: string): boolean {
  return TITLE_ENDINGS.test(word);
}

/** A title as written after a name: in lower case, or ending like one ("SSP-konsulent"). */
function isTitle(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return /^\p{Ll}/u.test(text.trim()) || looksLikeTitle(words[words.length - 1] ?? "");
}

/**
 * "v. ejendomsleder Bjarne Østergaard" → the person; also a line without "v." that starts with a
 * title and goes on with a name ("Præst Marianne Lund de Faria"). Null for other lines.
 */
export function parseContactLine(line: string): DraftPerson | null {
  const match = /^\s*(?:v\.|v\/|ved)\s*(.+)$/iu.exec(line);
  if (match) return parsePerson(match[1]!);
  const words = line.trim().split(/\s+/);
  if (words.length < 3 || !looksLikeTitle(words[0]!)) return null;
  const person = parsePerson(line);
  const nameWords = person?.name.split(" ") ?? [];
  const allName = nameWords.every((w) => isNameWord(w) || NAME_PARTICLES.has(w));
  return person?.title && nameWords.length >= 2 && allName ? person : null;
}

/**
 * One party as written: "Organisation" or "Organisation\nv. titel Navn" or "Organisation, v.
 * titel Navn". A name starting in lower case ("afdelingsbestyrelserne") is a party label, not an
 * organisation of the register.
 */
export function parsePartyText(
  text: string,
  tier: DraftParty["tier"],
  groupHeading: string | null,
): DraftParty | null {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (!lines.length) return null;
  let name = lines[0]!;
  let contact: DraftPerson | null = null;
  const inline = /^(.*?),?\s+(?:v\.|v\/|ved)\s+(\p{L}.*)$/u.exec(name);
  if (lines.length === 1 && inline && inline[1]) {
    name = inline[1].trim();
    contact = parsePerson(inline[2]!);
  } else if (lines.length > 1) {
    contact = parseContactLine(lines.slice(1).join(" ")) ?? parsePerson(lines.slice(1).join(" "));
  }
  if (parseContactLine(name)) return null;
  const label = isCapitalised(name) || /^\d/.test(name) ? null : name;
  return { tier, groupHeading, organisation: label ? null : name, label, contact };
}

const COUNT_WORDS: Record<string, number> = {
  en: 1,
  én: 1,
  et: 1,
  ét: 1,
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
  seks: 6,
  syv: 7,
  otte: 8,
  ni: 9,
  ti: 10,
};

function splitNames(text: string): { head: string; names: string | null } {
  const match = /^(.*?)\s*\(([^()]+)\)\s*$/.exec(text);
  return match && match[1]
    ? { head: match[1], names: match[2]!.trim() }
    : { head: text, names: null };
}

/**
 * One working-group member line. Counted representatives ("En repræsentant fra X", "3
 * beboerdemokrater (Aske, Berit, Carlo)"), a named person ("Navn, titel (Organisation)", also
 * after "Beskrivelse: "), or else the line as a description.
 */
export function parseMemberLine(line: string): DraftMember {
  const empty: DraftMember = {
    count: null,
    description: null,
    names: null,
    person: null,
    organisation: null,
  };
  // "Organisation" with "(Navn)" after a soft break: the organisation and who represents it.
  const broken = /^([^\n]+(?:\n[^\n(]+)*)\n\s*\(([^()]+)\)\s*$/u.exec(line.trim());
  if (broken) {
    return {
      ...empty,
      organisation: broken[1]!.replace(/\s+/g, " ").trim(),
      names: broken[2]!.trim(),
    };
  }
  const text = line.replace(/\s+/g, " ").trim();
  const counted = /^(\d{1,3}|[\p{L}]+)\s+(.+)$/u.exec(text);
  const countWord = counted?.[1]?.toLocaleLowerCase("da") ?? "";
  const count = /^\d+$/.test(countWord) ? Number(countWord) : COUNT_WORDS[countWord];
  if (counted && count !== undefined && count > 0) {
    const { head, names } = splitNames(counted[2]!);
    const from = /^(.+?)\s+fra\s+(.+)$/u.exec(head);
    return {
      ...empty,
      count,
      description: (from ? from[1]! : head).trim(),
      organisation: from ? from[2]!.trim() : null,
      names,
    };
  }
  // "Organisation, afdeling (Navn)": after the comma no title (a title is in lower case or
  // ends like one, "SSP-konsulent"), so an organisation with who represents it.
  const orgWithNames = /^(\p{Lu}[^():]*,\s*([^()]*?))\s*\(([^()]+)\)$/u.exec(text);
  if (orgWithNames && !isTitle(orgWithNames[2]!)) {
    return { ...empty, organisation: orgWithNames[1]!.trim(), names: orgWithNames[3]!.trim() };
  }
  const person =
    /^(?:([^:]+):\s+)?(\p{Lu}[^,:()]*),\s*([^()]+?)(?:\s*\(([^()]+)\))?$/u.exec(text) ??
    /^(?:([^:]+):\s+)?(\p{Lu}[^,:()]*?)\s*\(([^()]+)\)$/u.exec(text);
  if (person && person.length === 5 && person[2] && person[3]) {
    return {
      ...empty,
      description: person[1]?.trim() || null,
      person: { name: person[2].trim(), title: person[3].trim() },
      organisation: person[4]?.trim() || null,
    };
  }
  if (person && person.length === 4 && person[2] && person[3]) {
    return {
      ...empty,
      description: person[1]?.trim() || null,
      person: { name: person[2].trim(), title: null },
      organisation: person[3].trim(),
    };
  }
  const from = /^(\p{Ll}.+?)\s+fra\s+(.+?)(?:\s*\(([^()]+)\))?$/u.exec(text);
  if (from) {
    return {
      ...empty,
      description: from[1]!.trim(),
      organisation: from[2]!.trim(),
      names: from[3]?.trim() || null,
    };
  }
  return { ...empty, description: text };
}
