/**
 * The milestone plan as Word: the plan's milestones of one year, or of the whole period (a
 * sub-heading per year), as a table of when, what, the agreement and activity it belongs to, who
 * is responsible and its status (in words with a sign, on a coloured cell, with the note of a
 * postponed or completed milestone). Pure: takes the milestone plan's view and returns blocks (for
 * the helhedsplan package) or a whole Document.
 */
import type { Document, Paragraph, Table } from "docx";
import {
  countMilestones,
  milestoneCountText,
  milestonePlanTitle,
  milestonesInScope,
  type MilestonePlanView,
  type MilestoneScope,
  type MilestoneStatus,
  type MilestoneView,
  type ReportMilestones,
} from "../app/domain/milestone";
import { createDocument } from "./parts/document";
import { heading } from "./parts/headings";
import { pageSection } from "./parts/page";
import { gridTable, TABLE_TEXT_STYLE, type Cell } from "./parts/tables";
import { paragraph } from "./parts/text";

export const MILESTONE_COLUMNS = [
  "Hvornår",
  "Milepæl",
  "Delaftale og aktivitet",
  "Ansvarlig",
  "Status",
] as const;

export const NO_MILESTONES_TEXT = "Der er ingen milepæle i perioden.";

/** Status fills, as the progress report's: green done, yellow postponed, none for planned. */
export const MILESTONE_STATUS_FILLS: Record<MilestoneStatus, string | undefined> = {
  planned: undefined,
  done: "C6EFCE",
  postponed: "FFEB9C",
};

const SMALL_TEXT = 18;

function cellText(text: string, options: { italic?: boolean; bold?: boolean } = {}): Paragraph {
  return paragraph(text, { style: TABLE_TEXT_STYLE, size: SMALL_TEXT, ...options });
}

/** "Uddannelse og livschancer · Lektiecafé" */
export function milestoneLinkText(m: Pick<MilestoneView, "agreementName" | "activityName">) {
  return [m.agreementName, m.activityName].filter(Boolean).join(" · ");
}

function statusCell(m: MilestoneView): Cell {
  return {
    content: [
      cellText(`${m.statusIcon} ${m.statusText}`, { bold: true }),
      ...(m.note ? [cellText(m.note, { italic: true })] : []),
    ],
    fill: MILESTONE_STATUS_FILLS[m.status],
  };
}

/** The table of milestones (its header repeats on every page). */
export function milestoneTable(list: readonly MilestoneView[]): Table {
  return gridTable({
    header: MILESTONE_COLUMNS.map((c) => ({ content: c })),
    rows: list.map((m) => [
      { content: [cellText(m.whenText)] },
      { content: [cellText(m.title)] },
      { content: [cellText(milestoneLinkText(m) || "–")] },
      { content: [cellText(m.responsibleName ?? "–")] },
      statusCell(m),
    ]),
    widths: [0.16, 0.3, 0.2, 0.14, 0.2],
    textSize: SMALL_TEXT,
    cantSplitRows: true,
  });
}

function listOrEmpty(list: readonly MilestoneView[], empty: string): (Paragraph | Table)[] {
  return list.length ? [milestoneTable(list)] : [paragraph(empty, { italic: true })];
}

/**
 * The milestone plan's blocks: a level-1 heading ("Milepælsplan 2026" / "Milepælsplan for hele
 * perioden"), the plan and the count of milestones reached, and the table (per year for the whole
 * period, under level-2 headings).
 */
export function milestonePlanBlocks(
  view: MilestonePlanView,
  scope: MilestoneScope,
): (Paragraph | Table)[] {
  const list = milestonesInScope(view, scope);
  const counts = countMilestones(list);
  const blocks: (Paragraph | Table)[] = [
    heading(milestonePlanTitle(scope), 1),
    paragraph(`${view.plan.name} · ${view.plan.periodText}`),
    paragraph(
      `${milestoneCountText(counts.done, counts.total)}; ${counts.postponed} udskudt, ${counts.planned} planlagt.`,
    ),
  ];
  if (scope !== "period") {
    blocks.push(...listOrEmpty(list, `Der er ingen milepæle i ${scope.year}.`));
    return blocks;
  }
  if (!list.length) return [...blocks, paragraph(NO_MILESTONES_TEXT, { italic: true })];
  for (const year of view.years) {
    const ofYear = list.filter((m) => m.year === year);
    blocks.push(heading(String(year), 2), ...listOrEmpty(ofYear, `Ingen milepæle i ${year}.`));
  }
  return blocks;
}

export function buildMilestoneDocument(view: MilestonePlanView, scope: MilestoneScope): Document {
  const title = milestonePlanTitle(scope);
  return createDocument({
    title: `${title}: ${view.plan.name}`,
    description: `${title} for ${view.plan.name}`,
    sections: [pageSection([view.plan.name, title], milestonePlanBlocks(view, scope))],
  });
}

/**
 * The progress report's milestone section: the year's milestones done against planned, the
 * postponed ones with their note (in the status column), and next year's milestones.
 */
export function reportMilestoneBlocks(m: ReportMilestones): (Paragraph | Table)[] {
  const { counts } = m;
  return [
    heading(`Milepæle ${m.year}`, 2),
    paragraph(
      counts.total
        ? `${m.countText}; ${counts.postponed} udskudt, ${counts.planned} planlagt.`
        : m.countText,
      { bold: true },
    ),
    ...listOrEmpty(m.milestones, `Planen havde ingen milepæle i ${m.year}.`),
    heading(`Milepæle ${m.nextYear}`, 3),
    ...listOrEmpty(m.next, `Der er ingen milepæle for ${m.nextYear} endnu.`),
  ];
}
