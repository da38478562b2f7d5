/**
 * Puts one piece of text into the draft section the walk is in (or the review screen chose):
 * rich text gets a paragraph, sub-heading or list item; lists an item (or their lead-in); parties,
 * members, criteria, amounts and dates are parsed from the line. Shared by the recogniser's walk
 * and by placing a block by hand, so both read a line the same way. Mutates the state it is
 * given (callers clone first when they must stay immutable).
 */
import type { PartyTier } from "../agreement";
import type { Block, Inline, RichText } from "../rich-text";
import { emptyActivity, parseResponsibilityLine, splitReference } from "./activities";
import { millionsNote, parseAmountLine } from "./amounts";
import { parseCriterionLine, parseBaselineLine, parseTargetLine } from "./criteria";
import { parseValidity } from "./dates";
import { fundingKind } from "./financing";
import { parseContactLine, parseMemberLine, parsePartyText } from "./parties";
import type { DraftActivity, ImportDraft, ImportSection, TextBlock } from "./types";

/** What the walk is reading: the section (or the part of an activity schema) text goes into. */
export type Mode =
  | "none"
  | "opening"
  | "plan-name"
  | "parties"
  | "working-group"
  | "problem"
  | "purposes"
  | "goals"
  | "sub-goals"
  | "primary-target-group"
  | "method"
  | "criteria"
  | "activity-list"
  | "interplay"
  | "anchoring"
  | "financing"
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
  | "activity-roles";

export interface WalkState {
  draft: ImportDraft;
  mode: Mode;
  /** The activity schema being read (index into draft.activities). */
  activity: number | null;
  tier: PartyTier;
  groupHeading: string | null;
  /** Criteria written as alternating paragraphs (criterion, then its data source). */
  pairs: boolean;
  /** The last criterion still waits for its data source (pairs mode). */
  pendingSource: boolean;
  /** The label that opened the working groups ("Arbejdsgruppe"), a name for a group without one. */
  groupLabel: string | null;
  notes: string[];
}

/** A block, or the part of a block after an inline label ("**Formål:** at styrke …"). */
export type Piece = Pick<
  TextBlock,
  "kind" | "level" | "ordered" | "depth" | "content" | "text" | "bold"
>;

export function emptyDraft(): ImportDraft {
  return {
    title: null,
    focusAreaName: null,
    planName: null,
    openingText: null,
    parties: [],
    workingGroups: [],
    problemStatement: null,
    purposesLeadIn: null,
    purposes: [],
    goalsLeadIn: null,
    goals: [],
    primaryTargetGroup: null,
    method: null,
    successCriteria: [],
    activityList: [],
    municipalInterplay: null,
    anchoring: null,
    fundingSources: [],
    staff: [],
    conflictHandling: null,
    revisionClause: null,
    validFrom: null,
    validTo: null,
    activities: [],
  };
}

export function newWalkState(draft: ImportDraft = emptyDraft()): WalkState {
  return {
    draft,
    mode: "none",
    activity: null,
    tier: "primary",
    groupHeading: null,
    pairs: false,
    pendingSource: false,
    groupLabel: null,
    notes: [],
  };
}

/** The review section a mode's text lands in. */
export const MODE_SECTIONS: Record<Mode, ImportSection | null> = {
  none: null,
  opening: "opening",
  "plan-name": "plan-name",
  parties: "parties",
  "working-group": "working-groups",
  problem: "problem",
  purposes: "purpose",
  goals: "goals",
  "sub-goals": "goals",
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
  schemas: null,
  "activity-name": "activity",
  "activity-content": "activity",
  "activity-purposes": "activity",
  "activity-target-groups": "activity",
  "activity-criteria": "activity",
  "activity-roles": "activity",
};

/** Runs with the same marks joined, soft breaks kept, the ends trimmed; bold dropped for headings. */
export function cleanInlines(content: Inline[], dropBold = false): Inline[] {
  const out: Inline[] = [];
  for (const run of content) {
    const text = run.text.replace(/[ \t\u00a0]+/g, " ");
    if (!text) continue;
    const bold = !dropBold && Boolean(run.bold);
    const italic = Boolean(run.italic);
    const last = out[out.length - 1];
    if (last && Boolean(last.bold) === bold && Boolean(last.italic) === italic) last.text += text;
    else out.push({ text, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) });
  }
  if (out[0]) out[0].text = out[0].text.replace(/^\s+/, "");
  const last = out[out.length - 1];
  if (last) last.text = last.text.replace(/\s+$/, "");
  return out.filter((r) => r.text);
}

/** Manual bullets typed into the text ("• ", "- ", "– ") are not part of an item. */
export function stripBullet(text: string): string {
  return text.replace(/^\s*(?:[•·▪◦●○■\-–—*]|\d{1,2}[.)])\s+/u, "").trim();
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A short bold paragraph (or a heading that is no label) inside a text is its sub-heading. */
export function isSubHeading(piece: Piece): boolean {
  if (piece.kind === "heading") return true;
  return piece.kind === "paragraph" && piece.bold && wordCount(piece.text) <= 15;
}

function appendRich(text: RichText | null, piece: Piece): RichText {
  const blocks: Block[] = [...(text?.blocks ?? [])];
  if (piece.kind === "listItem") {
    const content = cleanInlines(piece.content);
    if (content[0]) content[0].text = stripBullet(content[0].text) || content[0].text;
    const last = blocks[blocks.length - 1];
    if (last?.type === "list") {
      blocks[blocks.length - 1] = { ...last, items: [...last.items, content] };
    } else blocks.push({ type: "list", ordered: piece.ordered, items: [content] });
  } else if (isSubHeading(piece)) {
    blocks.push({ type: "heading", content: cleanInlines(piece.content, true) });
  } else {
    blocks.push({ type: "paragraph", content: cleanInlines(piece.content) });
  }
  return { blocks };
}

/** The lines of a piece: soft breaks split it into items, manual bullets are dropped. */
function lines(piece: Piece): string[] {
  return piece.text.split("\n").map(stripBullet).filter(Boolean);
}

function currentActivity(state: WalkState): DraftActivity {
  if (state.activity === null || !state.draft.activities[state.activity]) {
    state.draft.activities.push(emptyActivity());
    state.activity = state.draft.activities.length - 1;
  }
  return state.draft.activities[state.activity]!;
}

const isLeadInCandidate = (piece: Piece) =>
  piece.kind !== "listItem" && (piece.text.trim().endsWith(":") || piece.bold);

/** A list with an optional lead-in: the lead-in is a line before any item ending in ":" or bold. */
function addToList(
  piece: Piece,
  items: string[],
  leadIn: string | null,
  setLeadIn: ((text: string) => void) | null,
): void {
  if (setLeadIn && !items.length && leadIn === null && isLeadInCandidate(piece)) {
    setLeadIn(piece.text.replace(/\s+/g, " ").trim());
    return;
  }
  items.push(...lines(piece));
}

const DELMAAL = /^\s*delmål\s*(?:\d+\s*)?[:.–-]\s*/iu;

function addGoal(state: WalkState, piece: Piece, subGoalsOnly: boolean): boolean {
  const draft = state.draft;
  for (const line of lines(piece)) {
    const last = draft.goals[draft.goals.length - 1];
    const isSub =
      subGoalsOnly || DELMAAL.test(line) || (piece.kind === "listItem" && piece.depth > 0);
    if (isSub && last) last.subGoals.push(line.replace(DELMAAL, "").trim());
    else if (isSub) return false;
    else draft.goals.push({ text: line, subGoals: [] });
  }
  return true;
}

function addCriterion(state: WalkState, piece: Piece, list: ImportDraft["successCriteria"]) {
  const text = piece.text.replace(/\s+$/, "");
  const last = list[list.length - 1];
  const baseline = last ? parseBaselineLine(text) : null;
  const target = last && !baseline ? parseTargetLine(text) : null;
  if (last && baseline) last.baseline = baseline;
  else if (last && target) last.target = target;
  else if (state.pairs && state.pendingSource && last) {
    last.dataSource = text;
    state.pendingSource = false;
  } else {
    const parsed = parseCriterionLine(stripBullet(text));
    if (parsed) list.push(parsed);
    else {
      list.push({ text: stripBullet(text), dataSource: "", baseline: null, target: null });
      state.pendingSource = state.pairs;
    }
  }
}

function addFundingLine(state: WalkState, piece: Piece): boolean {
  const parsed = parseAmountLine(piece.text.replace(/\n/g, " "));
  if (!parsed) return false;
  state.draft.fundingSources.push({
    kind: fundingKind(parsed.name),
    name: parsed.name,
    periodTotal: parsed.amount,
    amounts: [],
  });
  if (parsed.millions) state.notes.push(millionsNote(parsed.written, parsed.amount));
  return true;
}

function addParty(state: WalkState, piece: Piece): boolean {
  const draft = state.draft;
  const contact = parseContactLine(piece.text.replace(/\n/g, " "));
  if (contact) {
    const last = draft.parties[draft.parties.length - 1];
    if (!last || last.contact) return false;
    last.contact = contact;
    return true;
  }
  if (piece.kind !== "listItem" && isSubHeading(piece) && !piece.text.includes("\n")) {
    state.groupHeading = piece.text.replace(/:$/, "").trim();
    return true;
  }
  const party = parsePartyText(stripBullet(piece.text), state.tier, state.groupHeading);
  if (!party) return false;
  draft.parties.push(party);
  return true;
}

function startsWorkingGroup(piece: Piece): boolean {
  if (piece.kind === "listItem") return false;
  if (/^arbejdsgruppe/iu.test(piece.text) && (piece.bold || piece.kind === "heading")) return true;
  return piece.kind === "heading" && piece.level > 0 && piece.level <= 3;
}

function addMember(state: WalkState, piece: Piece): boolean {
  const groups = state.draft.workingGroups;
  if (startsWorkingGroup(piece)) {
    groups.push({ name: piece.text.replace(/:$/, "").trim(), members: [] });
    return true;
  }
  if (!groups.length) groups.push({ name: state.groupLabel ?? "Arbejdsgruppe", members: [] });
  groups[groups.length - 1]!.members.push(parseMemberLine(stripBullet(piece.text)));
  return true;
}

function addResponsibility(activity: DraftActivity, piece: Piece): boolean {
  const list = activity.responsibilities;
  const boldLead = piece.content[0]?.bold ? piece.content[0].text.trim() : "";
  const isPartyLine =
    piece.kind !== "listItem" &&
    (piece.bold || piece.kind === "heading" || boldLead.endsWith(":") || !list.length);
  const parsed = isPartyLine ? parseResponsibilityLine(piece.text.replace(/\n/g, "; ")) : null;
  if (parsed) {
    list.push(parsed);
    return true;
  }
  const last = list[list.length - 1];
  if (!last) return false;
  last.duties.push(...lines(piece));
  return true;
}

/**
 * Puts the piece into the state's current mode. Returns the section it went into, or null when
 * it could not be placed there (the block is then left for the user).
 */
export function addContent(state: WalkState, piece: Piece): ImportSection | null {
  const draft = state.draft;
  const mode = state.mode;
  const placed = (ok: boolean) => (ok ? MODE_SECTIONS[mode] : null);
  switch (mode) {
    case "none":
    case "schemas":
      return null;
    case "opening":
      draft.openingText = draft.openingText ? `${draft.openingText}\n${piece.text}` : piece.text;
      return placed(true);
    case "plan-name":
      if (draft.planName) return null;
      draft.planName = piece.text.replace(/\n/g, " ");
      return placed(true);
    case "parties":
      if (startsWorkingGroup(piece)) {
        state.mode = "working-group";
        addMember(state, piece);
        return "working-groups";
      }
      return placed(addParty(state, piece));
    case "working-group":
      return placed(addMember(state, piece));
    case "problem":
      draft.problemStatement = appendRich(draft.problemStatement, piece);
      return placed(true);
    case "primary-target-group":
      draft.primaryTargetGroup = appendRich(draft.primaryTargetGroup, piece);
      return placed(true);
    case "method":
      draft.method = appendRich(draft.method, piece);
      return placed(true);
    case "interplay":
      draft.municipalInterplay = appendRich(draft.municipalInterplay, piece);
      return placed(true);
    case "anchoring":
      draft.anchoring = appendRich(draft.anchoring, piece);
      return placed(true);
    case "conflict":
      draft.conflictHandling = appendRich(draft.conflictHandling, piece);
      return placed(true);
    case "revision":
      draft.revisionClause = appendRich(draft.revisionClause, piece);
      return placed(true);
    case "purposes":
      addToList(piece, draft.purposes, draft.purposesLeadIn, (t) => (draft.purposesLeadIn = t));
      return placed(true);
    case "goals":
      if (!draft.goals.length && draft.goalsLeadIn === null && isLeadInCandidate(piece)) {
        draft.goalsLeadIn = piece.text.replace(/\s+/g, " ").trim();
        return placed(true);
      }
      return placed(addGoal(state, piece, false));
    case "sub-goals":
      return placed(addGoal(state, piece, true));
    case "activity-list":
      addToList(piece, draft.activityList, null, null);
      return placed(true);
    case "staff":
      addToList(piece, draft.staff, null, null);
      return placed(true);
    case "criteria":
      addCriterion(state, piece, draft.successCriteria);
      return placed(true);
    case "financing":
      return placed(addFundingLine(state, piece));
    case "validity": {
      const period = draft.validFrom ? null : parseValidity(piece.text);
      if (!period) return null;
      draft.validFrom = period.validFrom;
      draft.validTo = period.validTo;
      return placed(true);
    }
    case "activity-name": {
      const activity = currentActivity(state);
      if (activity.name) return null;
      const { name, reference } = splitReference(piece.text.replace(/\n/g, " "));
      activity.name = name;
      activity.reference = reference;
      return placed(true);
    }
    case "activity-content": {
      const activity = currentActivity(state);
      activity.content = appendRich(activity.content, piece);
      return placed(true);
    }
    case "activity-purposes": {
      const a = currentActivity(state);
      addToList(piece, a.purposes, a.purposesLeadIn, (t) => (a.purposesLeadIn = t));
      return placed(true);
    }
    case "activity-target-groups": {
      const a = currentActivity(state);
      addToList(piece, a.targetGroups, a.targetGroupsLeadIn, (t) => (a.targetGroupsLeadIn = t));
      return placed(true);
    }
    case "activity-criteria":
      addCriterion(state, piece, currentActivity(state).criteria);
      return placed(true);
    case "activity-roles":
      return placed(addResponsibility(currentActivity(state), piece));
  }
}
