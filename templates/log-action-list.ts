/**
 * The action list after an event of the activity log (a safety walk, a theme meeting …) as a Word
 * document to send to the partners: what happened (activity, kind, date, place, participants),
 * then each finding with its actions (responsible party, what, by when, status), and at the end
 * the same actions gathered per responsible party, so each partner finds theirs in one place.
 * Pure: takes the list's view and returns a docx Document.
 */
import type { Document, FileChild, Table } from "docx";
import {
  actionListTitle,
  actionsByParty,
  actionStatusText,
  type ActionListAction,
  type ActionListFinding,
  type ActionListView,
} from "../app/domain/activity-log-documents";
import { formatDate, formatInteger } from "../app/domain/format";
import { createDocument } from "./parts/document";
import { heading } from "./parts/headings";
import { pageSection } from "./parts/page";
import { gridTable, TABLE_TEXT_STYLE, type Cell } from "./parts/tables";
import { boldParagraph, paragraph } from "./parts/text";

export const ACTION_LIST_HEADINGS = {
  findings: "Fund og opgaver",
  byParty: "Opgaver efter ansvarlig",
  note: "Note",
} as const;

const H = ACTION_LIST_HEADINGS;

export const ACTION_COLUMNS = ["Ansvarlig", "Opgave", "Frist", "Status"] as const;
export const PARTY_COLUMNS = ["Ansvarlig", "Opgave", "Fund", "Frist", "Status"] as const;

export const NO_FINDINGS = "Der blev ikke registreret fund.";
export const NO_ACTIONS = "Ingen opgaver til dette fund.";
export const NO_DUE_DATE = "Ingen frist";

/** 9 pt in the tables of actions, so four or five columns fit the page. */
const SMALL_TEXT = 18;

/** "Beboere: 12, Frivillige: 3 (i alt 15)" */
export function participantsText(participants: ActionListView["participants"]): string {
  const counted = participants.filter((p) => p.count > 0);
  if (!counted.length) return "Ikke registreret";
  const total = counted.reduce((sum, p) => sum + p.count, 0);
  const parts = counted.map((p) => `${p.group}: ${formatInteger(p.count)}`).join(", ");
  return counted.length > 1 ? `${parts} (i alt ${formatInteger(total)})` : parts;
}

function dueText(action: Pick<ActionListAction, "dueDate">): string {
  return action.dueDate ? formatDate(action.dueDate) : NO_DUE_DATE;
}

function factTable(view: ActionListView): Table {
  const facts: [string, string][] = [
    ["Helhedsplan", view.planName],
    ["Indsatsområde", view.focusArea],
    ["Aktivitet", view.activity],
    ["Type", view.kind],
    ["Dato", formatDate(view.date)],
    ["Sted", view.place ?? "Ikke angivet"],
    ["Deltagere", participantsText(view.participants)],
  ];
  if (view.followUpDue) facts.push(["Opfølgning", formatDate(view.followUpDue)]);
  return gridTable({
    rows: facts.map(([label, value]) => [{ content: label, bold: true }, value]),
    widths: [0.3, 0.7],
    cantSplitRows: true,
  });
}

function actionsTable(actions: ActionListAction[]): Table {
  const cell = (content: string): Cell => [
    paragraph(content, { style: TABLE_TEXT_STYLE, size: SMALL_TEXT }),
  ];
  return gridTable({
    header: [...ACTION_COLUMNS],
    rows: actions.map((a) => [
      cell(a.responsible),
      cell(a.description),
      cell(dueText(a)),
      cell(actionStatusText(a)),
    ]),
    widths: [0.25, 0.43, 0.14, 0.18],
    textSize: SMALL_TEXT,
    cantSplitRows: true,
  });
}

function findingSection(finding: ActionListFinding, index: number): FileChild[] {
  return [
    heading(`${index + 1}. ${finding.text}`, 3),
    ...(finding.place
      ? [paragraph(`Sted: ${finding.place}`, { italic: true, keepNext: true })]
      : []),
    ...(finding.actions.length
      ? [actionsTable(finding.actions)]
      : [paragraph(NO_ACTIONS, { italic: true })]),
  ];
}

function byPartySection(view: ActionListView): FileChild[] {
  const parties = actionsByParty(view.findings);
  if (!parties.length) return [];
  const cell = (content: string, bold = false): Cell => [
    paragraph(content, { style: TABLE_TEXT_STYLE, size: SMALL_TEXT, bold }),
  ];
  return [
    heading(H.byParty, 2),
    gridTable({
      header: [...PARTY_COLUMNS],
      rows: parties.flatMap((party) =>
        party.actions.map((a, i) => [
          // The party's name on its first row in bold; repeated plainly below, so a row read
          // alone (or a page that starts mid-party) still says whose it is.
          cell(party.responsible, i === 0),
          cell(a.description),
          cell(a.finding),
          cell(dueText(a)),
          cell(actionStatusText(a)),
        ]),
      ),
      widths: [0.2, 0.3, 0.22, 0.13, 0.15],
      textSize: SMALL_TEXT,
      cantSplitRows: true,
    }),
  ];
}

export function actionListHeaderParts(view: ActionListView): string[] {
  return [view.planName, view.activity, "Handlingsliste"];
}

export function buildActionListSections(view: ActionListView): FileChild[] {
  return [
    heading(actionListTitle(view), 1),
    boldParagraph(view.activity, { size: 26 }),
    factTable(view),
    ...(view.note ? [heading(H.note, 2), paragraph(view.note)] : []),
    heading(H.findings, 2),
    ...(view.findings.length
      ? view.findings.flatMap(findingSection)
      : [paragraph(NO_FINDINGS, { italic: true })]),
    ...byPartySection(view),
  ];
}

export function buildActionListDocument(view: ActionListView): Document {
  return createDocument({
    title: `${actionListTitle(view)}: ${view.activity}`,
    description: `Fund og opgaver efter ${view.kind.toLocaleLowerCase("da")} i ${view.activity}, ${view.planName}`,
    sections: [pageSection(actionListHeaderParts(view), buildActionListSections(view))],
  });
}
