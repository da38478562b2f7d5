/**
 * The review screen's moves: put a block's text into a section of the draft (`placeBlock`), or
 * discard it explicitly (`discardBlock`), and the word accounting that shows nothing was lost
 * (`importCoverage`). Each returns a new Recognition; the one given is left as it was.
 */
import { addContent, newWalkState, type Mode, type Piece } from "./content";
import { emptyActivity } from "./activities";
import { focusAreaFromTitle } from "./labels";
import { parseAmountLine } from "./amounts";
import { parseValidity } from "./dates";
import type {
  BlockDestination,
  ImportSection,
  Recognition,
  SourceDocument,
  TextBlock,
} from "./types";
import { IMPORT_SECTIONS } from "./types";

/** The mode that reads text for a section (an activity's text goes into its description). */
const SECTION_MODES: Record<ImportSection, Mode> = {
  title: "none",
  opening: "opening",
  "plan-name": "plan-name",
  parties: "parties",
  "working-groups": "working-group",
  problem: "problem",
  purpose: "purposes",
  goals: "goals",
  "primary-target-group": "primary-target-group",
  method: "method",
  criteria: "criteria",
  "activity-list": "activity-list",
  interplay: "interplay",
  anchoring: "anchoring",
  financing: "financing",
  staff: "staff",
  conflict: "conflict",
  revision: "revision",
  validity: "validity",
  activity: "activity-content",
};

/** Sections that hold a list: a placed block is always an item there, never a lead-in. */
const LIST_SECTIONS = new Set<ImportSection>(["purpose", "goals", "activity-list", "staff"]);

function withSection(sections: ImportSection[], section: ImportSection): ImportSection[] {
  const set = new Set([...sections, section]);
  return IMPORT_SECTIONS.filter((s) => set.has(s));
}

/**
 * Puts the block's text into the section (for "activity", the activity's description; the
 * activity index must exist, or be the next one to add a new activity). A block placed before
 * keeps its text where it was; the destination records the new place.
 */
export function placeBlock(
  recognition: Recognition,
  block: TextBlock,
  target: { section: ImportSection; activity?: number },
): Recognition {
  if (block.index < 0 || block.index >= recognition.destinations.length) {
    throw new Error(`Afsnit ${block.index} findes ikke i dokumentet`);
  }
  const draft = structuredClone(recognition.draft);
  const state = newWalkState(draft);
  const text = block.text.trim();
  if (!text) throw new Error("Et tomt afsnit kan ikke placeres");
  let destination: BlockDestination = { kind: "section", section: target.section };
  if (target.section === "activity") {
    const index = target.activity ?? draft.activities.length;
    if (!Number.isInteger(index) || index < 0 || index > draft.activities.length) {
      throw new Error(`Aktivitet ${index + 1} findes ikke i udkastet`);
    }
    if (index === draft.activities.length) draft.activities.push(emptyActivity());
    state.activity = index;
    destination = { kind: "section", section: "activity", activity: index };
  } else if (target.activity !== undefined) {
    throw new Error("Kun afsnittet «aktivitet» har en aktivitet");
  }
  const piece: Piece = LIST_SECTIONS.has(target.section)
    ? { ...block, kind: "listItem", bold: false }
    : block;
  switch (target.section) {
    case "title":
      draft.title = text.replace(/\s+/g, " ");
      draft.focusAreaName = focusAreaFromTitle(text) ?? draft.focusAreaName;
      break;
    case "plan-name":
      draft.planName = text.replace(/\s+/g, " ");
      break;
    case "validity": {
      const period = parseValidity(text);
      if (!period) throw new Error("Der står ingen gyldighedsperiode (to datoer) i afsnittet");
      draft.validFrom = period.validFrom;
      draft.validTo = period.validTo;
      break;
    }
    case "financing":
      if (!parseAmountLine(text.replace(/\n/g, " "))) {
        throw new Error(
          "Der står intet navn med et beløb i afsnittet, fx «Landsbyggefonden 3.962.000 kr.»",
        );
      }
      state.mode = "financing";
      addContent(state, piece);
      break;
    case "parties":
      state.mode = "parties";
      state.tier = draft.parties[draft.parties.length - 1]?.tier ?? "primary";
      state.groupHeading = draft.parties[draft.parties.length - 1]?.groupHeading ?? null;
      // Whatever the line is, it becomes a party: parsed, or kept as a label.
      if (!addContent(state, { ...piece, kind: "paragraph", bold: false })) {
        draft.parties.push({
          tier: state.tier,
          groupHeading: state.groupHeading,
          organisation: null,
          label: text.replace(/\s+/g, " "),
          contact: null,
        });
      }
      break;
    case "working-groups":
      state.mode = "working-group";
      addContent(state, { ...piece, kind: "paragraph", bold: false });
      break;
    default:
      state.mode = SECTION_MODES[target.section];
      if (!addContent(state, piece)) {
        throw new Error("Afsnittet kunne ikke placeres der");
      }
  }
  const destinations = [...recognition.destinations];
  destinations[block.index] = destination;
  return {
    ...recognition,
    draft,
    destinations,
    sectionsFound: withSection(recognition.sectionsFound, target.section),
    notes: [...recognition.notes, ...state.notes],
  };
}

/** Records that a user discarded the block (its text stays in the stored file). */
export function discardBlock(
  recognition: Recognition,
  blockIndex: number,
  userId: number,
  at: string,
): Recognition {
  if (blockIndex < 0 || blockIndex >= recognition.destinations.length) {
    throw new Error(`Afsnit ${blockIndex} findes ikke i dokumentet`);
  }
  const destinations = [...recognition.destinations];
  destinations[blockIndex] = { kind: "discarded", userId, at };
  return { ...recognition, destinations };
}

export interface ImportCoverage {
  words: number;
  placedWords: number;
  labelWords: number;
  unplacedWords: number;
  discardedWords: number;
  emptyBlocks: number;
  /** (placed + label words) / words; 1 for a document without words. */
  placedShare: number;
}

const countWords = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** Where the document's words went: every word is placed, a label, unplaced or discarded. */
export function importCoverage(doc: SourceDocument, recognition: Recognition): ImportCoverage {
  const coverage: ImportCoverage = {
    words: 0,
    placedWords: 0,
    labelWords: 0,
    unplacedWords: 0,
    discardedWords: 0,
    emptyBlocks: 0,
    placedShare: 1,
  };
  doc.blocks.forEach((block, i) => {
    const n = countWords(block.text);
    coverage.words += n;
    const destination = recognition.destinations[i] ?? { kind: "unplaced" };
    switch (destination.kind) {
      case "section":
        coverage.placedWords += n;
        break;
      case "label":
        coverage.labelWords += n;
        break;
      case "unplaced":
        coverage.unplacedWords += n;
        break;
      case "discarded":
        coverage.discardedWords += n;
        break;
      case "empty":
        coverage.emptyBlocks += 1;
        // An "empty" block has no words; should one have some, they count as unplaced.
        coverage.unplacedWords += n;
        break;
    }
  });
  if (coverage.words > 0) {
    coverage.placedShare = (coverage.placedWords + coverage.labelWords) / coverage.words;
  }
  return coverage;
}
