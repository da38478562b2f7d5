/**
 * The import pages' vocabulary (client-safe): Danish names of the draft's sections and of an
 * import's states, where a block sits in the Word file, the review screen's target choices, and
 * the schemas of its small forms (one per intent, each posting the import's version).
 */
import { requiredId, z } from "~/domain/zod";
import { IMPORT_SECTIONS, type ImportSection, type TextBlock } from "./types";

export const IMPORT_ACCEPT =
  ".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export const IMPORT_TOO_LARGE_MESSAGE =
  "Filen er for stor. Der kan højst importeres Word-filer på 20 MB.";
export const IMPORT_NO_FILE_MESSAGE = "Vælg en eller flere Word-filer (.docx).";

/** A review action on an import that changed since the page was loaded: nothing was done. */
export const IMPORT_CONFLICT_MESSAGE =
  "En anden har ændret importen, mens du havde siden åben, så din handling er ikke udført. Siden viser nu den nyeste udgave: se den igennem, og prøv igen.";

export type ImportStatus = "review" | "saved" | "discarded";

export const importStatusLabels: Record<ImportStatus, string> = {
  review: "Til gennemsyn",
  saved: "Gemt",
  discarded: "Kasseret",
};

/** The draft's sections as the review screen names them, in the agreement's order. */
export const importSectionLabels: Record<ImportSection, string> = {
  title: "Titel og indsatsområde",
  opening: "Indledning",
  "plan-name": "Navn på den boligsociale indsats",
  parties: "Aftalens parter",
  "working-groups": "Arbejdsgrupper",
  problem: "Problemkompleks",
  purpose: "Formål",
  goals: "Mål og delmål",
  "primary-target-group": "Primær målgruppe",
  method: "Metode",
  criteria: "Succeskriterier",
  "activity-list": "Aktiviteter (listen i delaftalen)",
  interplay: "Samspil med den kommunale indsats",
  anchoring: "Forankring",
  financing: "Finansiering",
  staff: "Medarbejderressourcer",
  conflict: "Konflikthåndtering og underretning",
  revision: "Revision af delaftalen",
  validity: "Gyldighed",
  activity: "Aktivitet",
};

/** The sections a block can be moved to besides the activities (each activity is its own target). */
export const AGREEMENT_IMPORT_SECTIONS = IMPORT_SECTIONS.filter(
  (section): section is Exclude<ImportSection, "activity"> => section !== "activity",
);

/** «Afsnit 37» for body text, «Tabel 2, række 3, kolonne 1» for a table cell (all 1-based). */
export function blockPosition(block: Pick<TextBlock, "index" | "cell">): string {
  if (block.cell) {
    const { table, row, column } = block.cell;
    return `Tabel ${table + 1}, række ${row + 1}, kolonne ${column + 1}`;
  }
  return `Afsnit ${block.index + 1}`;
}

/** The value of a target in the «Flyt til» select: a section, or "activity:<index>". */
export function targetValue(target: { section: ImportSection; activity?: number }): string {
  return target.section === "activity" ? `activity:${target.activity ?? 0}` : target.section;
}

export function targetOptions(activityNames: string[]): { value: string; label: string }[] {
  return [
    ...AGREEMENT_IMPORT_SECTIONS.map((section) => ({
      value: section,
      label: importSectionLabels[section],
    })),
    ...activityNames.map((name, activity) => ({
      value: targetValue({ section: "activity", activity }),
      label: `Aktivitet: ${name || `nr. ${activity + 1}`}`,
    })),
  ];
}

const TARGET_MESSAGE = "Vælg det afsnit, teksten skal flyttes til";

/** A target from the select: a known section, or an activity by its 0-based number. */
const TargetSchema = z
  .string({ error: TARGET_MESSAGE })
  .transform((value, ctx): { section: ImportSection; activity?: number } => {
    const activity = /^activity:(\d{1,4})$/.exec(value);
    if (activity) return { section: "activity", activity: Number(activity[1]) };
    const section = AGREEMENT_IMPORT_SECTIONS.find((s) => s === value);
    if (section) return { section };
    ctx.addIssue({ code: "custom", message: TARGET_MESSAGE });
    return z.NEVER;
  });

const BlockSchema = z.coerce
  .number({ error: "Ukendt afsnit" })
  .int({ error: "Ukendt afsnit" })
  .min(0, { error: "Ukendt afsnit" })
  .max(1_000_000, { error: "Ukendt afsnit" });

export const PlaceBlockSchema = z.object({ block: BlockSchema, target: TargetSchema });
export const DiscardBlockSchema = z.object({ block: BlockSchema });
export const ChooseFocusAreaSchema = z.object({ focusAreaId: requiredId("Vælg indsatsområde") });

export const IMPORT_INTENTS = [
  "place",
  "discard-block",
  "focus-area",
  "save",
  "discard-import",
] as const;
export type ImportIntent = (typeof IMPORT_INTENTS)[number];

/** «96 % af ordene er placeret» (rounded down, so 99.6 % never reads as all). */
export function placedShareText(share: number): string {
  const percent = Math.floor(Math.max(0, Math.min(1, share)) * 100);
  return `${percent} % af ordene er placeret`;
}
