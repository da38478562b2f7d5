/**
 * The review screen's notes on a recognised draft, in Danish: what was left unplaced, criteria
 * without a data source, and a missing title or validity period. Pure.
 */
import type { BlockDestination, ImportDraft } from "./types";

function shorten(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

export function reviewNotes(draft: ImportDraft, destinations: BlockDestination[]): string[] {
  const notes: string[] = [];
  const unplaced = destinations.filter((d) => d.kind === "unplaced").length;
  if (unplaced) {
    notes.push(
      unplaced === 1
        ? "1 afsnit kunne ikke placeres og står under «Ikke placeret»."
        : `${unplaced} afsnit kunne ikke placeres og står under «Ikke placeret».`,
    );
  }
  const allCriteria = [...draft.successCriteria, ...draft.activities.flatMap((a) => a.criteria)];
  for (const c of allCriteria.filter((c) => !c.dataSource.trim())) {
    notes.push(`Succeskriteriet «${shorten(c.text)}» har ingen datakilde.`);
  }
  if (draft.title === null) notes.push("Delaftalens titel blev ikke fundet.");
  if (draft.validFrom === null) notes.push("Delaftalens gyldighedsperiode blev ikke fundet.");
  return notes;
}
